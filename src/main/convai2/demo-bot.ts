// A small bot for the demo challenge, so an evaluator has someone to talk to. It is a real
// client of the Bot API: it long-polls getUpdates and answers with sendMessage over HTTP,
// exactly as a team's bot would.

/** Tokens of bots the demo bot answers for (a team's real bot has a random token). */
export const DEMO_BOT_PREFIX = 'demo-bot-'

const OPENERS = ['oh really?', 'nice!', 'i see.', 'ha, that is fun.', 'hmm, interesting.']
const QUESTIONS = ['what do you do for fun?', 'where do you live?', 'do you have any pets?', 'what music do you like?']

interface Update {
  message?: { chat: { id: number }; text: string; message_id: number }
}

/** Answers in its own words (never copying 5 words of its profile) and rates the human's message. */
export function demoReply(text: string, turn: number): string {
  if (text.startsWith('/start')) return 'hello! how is your day going?'
  const words = text.toLowerCase().match(/[a-z']+/g) ?? []
  const topic = words.filter((w) => w.length > 4).pop()
  const opener = OPENERS[turn % OPENERS.length]!
  return topic
    ? `${opener} tell me more about ${topic}. ${QUESTIONS[turn % QUESTIONS.length]}`
    : `${opener} ${QUESTIONS[turn % QUESTIONS.length]}`
}

/** Runs until `signal` aborts; returns how many messages it answered. */
export async function runDemoBot(baseUrl: string, token: string, signal: AbortSignal): Promise<number> {
  let answered = 0
  const call = async (method: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${baseUrl}bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal
    })
    return ((await response.json()) as { result?: unknown }).result
  }
  while (!signal.aborted) {
    try {
      const updates = ((await call('getUpdates', { timeout: 20, limit: 10 })) ?? []) as Update[]
      for (const update of updates) {
        if (!update.message) continue
        await call('sendMessage', {
          chat_id: update.message.chat.id,
          text: demoReply(update.message.text, answered),
          ...(update.message.text.startsWith('/start') ? {} : { msg_evaluation: 1 })
        })
        answered++
      }
    } catch {
      if (signal.aborted) break
      // The server restarted or is closing: wait a little and poll again.
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  return answered
}
