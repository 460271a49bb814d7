// A ConvAI2 wild-evaluation bot, as a team would write one against the seed's API: plain
// fetch, long polling with getUpdates, one reply per message, msg_evaluation on the
// counterpart's messages. Run: node echo-bot.mjs <baseUrl> <token> <echo|parrot> [seconds]
//
// - echo: answers /start with a greeting, every other message with "echo: <text>";
//   per chat it alternates the seed's two text forms (the JSON string '{"text": ...}' first,
//   then plain) and the two msg_evaluation forms ({"score": 0, "message_id": N} first, then
//   1 for the counterpart's last message).
// - parrot: answers everything with the first sentence of its profile (copies 5-grams).
// "/shutdown" makes it answer "bye" and exit 0. It exits 4 when blocked (HTTP 403), 5 on any
// other unexpected answer and 3 when the time limit (default 30 s) runs out.
// Every update received and every answer to sendMessage is printed as one JSON line.

const [baseUrl, token, mode = 'echo', seconds = '30'] = process.argv.slice(2)
const api = `${baseUrl}bot${token}`
const profiles = new Map()
const replies = new Map()
let polls = 0

const log = (event) => process.stdout.write(`${JSON.stringify(event)}\n`)

setTimeout(
  () => {
    log({ event: 'exit', reason: 'deadline' })
    process.exit(3)
  },
  Number(seconds) * 1000
)

async function getUpdates() {
  polls++
  // Both request styles of the seed: a plain GET with a query string, a POST with JSON.
  const response =
    polls % 2 === 0
      ? await fetch(`${api}/getUpdates?timeout=2&limit=10`)
      : await fetch(`${api}/getUpdates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ timeout: 2, limit: 10 })
        })
  const body = await response.json()
  if (response.status === 403) {
    log({ event: 'blocked', where: 'getUpdates', body })
    process.exit(4)
  }
  if (response.status !== 200 || body.ok !== true) {
    log({ event: 'unexpected', where: 'getUpdates', status: response.status, body })
    process.exit(5)
  }
  return body.result
}

async function sendMessage(payload) {
  const response = await fetch(`${api}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload)
  })
  const body = await response.json()
  log({ event: 'sent', chat_id: payload.chat_id, status: response.status, body })
  if (response.status === 403) {
    log({ event: 'blocked', where: 'sendMessage', body })
    process.exit(4)
  }
  if (response.status !== 200 && !(mode === 'parrot' && response.status === 400)) {
    log({ event: 'unexpected', where: 'sendMessage', status: response.status, body })
    process.exit(5)
  }
  return body
}

function reply(message) {
  const chatId = message.chat.id
  const text = message.text
  if (text.startsWith('/start')) {
    profiles.set(chatId, text.split('\n').slice(1))
    if (mode === 'parrot') return { chat_id: chatId, text: profiles.get(chatId)[0] }
    return { chat_id: chatId, text: JSON.stringify({ text: 'hi! nice to meet you' }) }
  }
  if (mode === 'parrot') return { chat_id: chatId, text: (profiles.get(chatId) ?? ['?'])[0] }
  if (text === '/shutdown') return { chat_id: chatId, text: 'bye' }
  const n = (replies.get(chatId) ?? 0) + 1
  replies.set(chatId, n)
  const even = n % 2 === 0
  return {
    chat_id: chatId,
    text: even ? `echo: ${text}` : JSON.stringify({ text: `echo: ${text}` }),
    msg_evaluation: even ? 1 : { score: 0, message_id: message.message_id }
  }
}

log({ event: 'ready', mode })
for (;;) {
  const updates = await getUpdates()
  for (const update of updates) {
    log({
      event: 'update',
      update_id: update.update_id,
      chat_id: update.message.chat.id,
      message_id: update.message.message_id,
      text: update.message.text
    })
    await sendMessage(reply(update.message))
    if (update.message.text === '/shutdown' && mode === 'echo') {
      log({ event: 'exit', reason: 'shutdown' })
      process.exit(0)
    }
  }
}
