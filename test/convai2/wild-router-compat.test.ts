// What a team's bot written against the seed (or the original ConvAI router) sends, over real
// HTTP: msg_evaluation inside the JSON text, JSON bodies without a JSON Content-Type (a real
// Python urllib client and raw requests), malformed requests that never count as invalid
// messages, evaluations of nothing, and the dialogs of a bot blocked at the limit.
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { WildEvent } from '../../src/shared/convai2'
import { apiError, botMessages, call, PROFILES, runBot, runCleanups, setup, waitFor, within, type Env } from './wild-helpers'

afterEach(runCleanups)

const TOKEN = 'quiet-token-0001'

/** A POST with exactly this body and Content-Type (or none), as curl --data and urllib send them. */
function rawPost(env: Env, method: string, body: string, contentType: string | null): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${env.server.url}bot${TOKEN}/${method}`,
      { method: 'POST', headers: contentType === null ? {} : { 'content-type': contentType } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

const invalidCount = (env: Env): number => env.server.api.listBots().find((b) => b.token === TOKEN)!.invalidCount

async function openChat(env: Env, humanFirst = true): Promise<number> {
  env.server.api.registerBot({ name: 'quiet', token: TOKEN })
  const chatId = env.server.api.startDialog(TOKEN, PROFILES[0]!, PROFILES[1]!)
  if (humanFirst) env.server.api.sendHumanMessage(chatId, 'hello there')
  await call(env, TOKEN, 'getUpdates')
  return chatId
}

describe('msg_evaluation where the router read it', () => {
  it('inside the JSON text, with a score or a {score, message_id} object; top-level still works', async () => {
    const env = await setup()
    const chatId = await openChat(env)
    const inner = await call(env, TOKEN, 'sendMessage', {
      json: { chat_id: chatId, text: JSON.stringify({ text: 'not really', msg_evaluation: 0 }) }
    })
    expect(inner.status).toBe(200)
    expect(inner.body.result.text).toBe('not really')
    expect(env.server.api.listMessages(chatId).find((m) => m.messageId === 1)).toMatchObject({ evaluation: 0, evaluatedBy: 2 })

    env.server.api.sendHumanMessage(chatId, 'tell me about you') // 3
    const byId = await call(env, TOKEN, 'sendMessage', {
      json: { chat_id: chatId, text: JSON.stringify({ text: 'i like cats', msg_evaluation: { score: 1, message_id: 3 } }) }
    })
    expect(byId.status).toBe(200)
    env.server.api.sendHumanMessage(chatId, 'nice') // 5
    const top = await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 'thanks', msg_evaluation: 1 } })
    expect(top.status).toBe(200)
    const human = env.server.api.listMessages(chatId).filter((m) => m.sender === 'human' && m.messageId > 0)
    expect(human.map((m) => [m.messageId, m.evaluation, m.evaluatedBy])).toEqual([
      [1, 0, 2],
      [3, 1, 4],
      [5, 1, 6]
    ])
    // As sent, on the bot's message.
    const stored = env.store.db
      .prepare(
        'SELECT msg_evaluation_json FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id WHERE d.chat_id = ? AND m.message_id = 4'
      )
      .pluck()
      .get(chatId)
    expect(JSON.parse(stored as string)).toEqual({ score: 1, message_id: 3 })
    // A bad evaluation inside the text is refused like a top-level one.
    const bad = await call(env, TOKEN, 'sendMessage', {
      json: { chat_id: chatId, text: JSON.stringify({ text: 'hmm', msg_evaluation: 7 }) }
    })
    expect(bad.status).toBe(400)
    expect(bad.body.description).toMatch(/msg_evaluation must be 0, 1/)
    expect(invalidCount(env)).toBe(1)
  })

  it('is refused before the evaluator wrote anything, and for message_id 0 (/start)', async () => {
    const env = await setup()
    const chatId = await openChat(env, false)
    const early = await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 'hi!', msg_evaluation: 1 } })
    expect(early).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: msg_evaluation: your counterpart has not written anything yet (message 0 is /start)'
      }
    })
    const inner = await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: '{"text": "hi!", "msg_evaluation": 0}' } })
    expect(inner.body.description).toMatch(/has not written anything yet/)
    env.server.api.sendHumanMessage(chatId, 'hello')
    const start = await call(env, TOKEN, 'sendMessage', {
      json: { chat_id: chatId, text: 'hi!', msg_evaluation: { score: 1, message_id: 0 } }
    })
    expect(start.body.description).toBe('Bad Request: msg_evaluation.message_id 0 is the /start message, not a message of your counterpart')
    expect(invalidCount(env)).toBe(3)
    expect(botMessages(env, chatId)).toEqual([])
    expect((await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 'hi!', msg_evaluation: 1 } })).status).toBe(200)
    expect(env.server.api.listMessages(chatId)[0]).toMatchObject({ messageId: 0, evaluation: null })
  })
})

describe('request bodies', () => {
  it('a JSON body is read whatever its Content-Type (form-encoded, text/plain, none)', async () => {
    const env = await setup()
    const chatId = await openChat(env)
    const body = (text: string) => JSON.stringify({ chat_id: chatId, text })
    for (const [type, text] of [
      ['application/x-www-form-urlencoded', 'as curl --data sends it'],
      ['text/plain;charset=UTF-8', 'as text'],
      [null, 'without a type']
    ] as const) {
      const sent = await rawPost(env, 'sendMessage', body(text), type)
      expect(sent, String(type)).toMatchObject({ status: 200, body: { ok: true, result: { text } } })
    }
    // Form-encoded parameters still work, and getUpdates reads a JSON body sent as a form.
    const form = await rawPost(
      env,
      'sendMessage',
      `chat_id=${chatId}&text=${encodeURIComponent('a form')}`,
      'application/x-www-form-urlencoded'
    )
    expect(form.status).toBe(200)
    env.server.api.sendHumanMessage(chatId, 'one')
    env.server.api.sendHumanMessage(chatId, 'two')
    const polled = await rawPost(env, 'getUpdates', '{"limit": 1}', 'application/x-www-form-urlencoded')
    expect(polled.body.result.map((u: any) => u.message.text)).toEqual(['one'])
    expect(invalidCount(env)).toBe(0)
  })

  it('a real Python urllib bot (whose POST defaults to a form Content-Type) talks JSON', async () => {
    const env = await setup()
    const chatId = await openChat(env)
    const script = [
      'import json, sys, urllib.request',
      'base, chat = sys.argv[1], int(sys.argv[2])',
      'data = json.dumps({"chat_id": chat, "text": json.dumps({"text": "from python", "msg_evaluation": 1})}).encode()',
      'req = urllib.request.Request(base + "/sendMessage", data=data)',
      'reply = urllib.request.urlopen(req, timeout=10).read().decode()',
      '# The Content-Type urllib chose, as it went on the wire:',
      'print(req.unredirected_hdrs.get("Content-type"))',
      'print(reply)'
    ].join('\n')
    const child = spawn('/usr/bin/python3', ['-c', script, `${env.server.url}bot${TOKEN}`, String(chatId)], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const code = await within('python to finish', new Promise<number | null>((r) => child.once('exit', r)), 15_000)
    expect(err).toBe('')
    expect(code).toBe(0)
    const [type, reply] = out.trim().split('\n')
    expect(type).toBe('application/x-www-form-urlencoded')
    expect(JSON.parse(reply!)).toMatchObject({ ok: true, result: { text: 'from python' } })
    expect(env.server.api.listMessages(chatId).find((m) => m.messageId === 1)).toMatchObject({ evaluation: 1 })
  })

  it('malformed requests are refused with 400 and never count as invalid messages', async () => {
    const env = await setup({ maxInvalidMessages: 2 })
    const chatId = await openChat(env)
    const malformed: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
      [
        'broken JSON',
        () => rawPost(env, 'sendMessage', '{"chat_id": 1, "text": ', 'application/json'),
        'Bad Request: request body is not valid JSON'
      ],
      ['a JSON array', () => rawPost(env, 'sendMessage', '[1, 2]', 'text/plain'), 'Bad Request: request body must be a JSON object'],
      [
        'multipart',
        () => rawPost(env, 'sendMessage', '--x\r\n', 'multipart/form-data; boundary=x'),
        'Bad Request: multipart/form-data is not supported: send JSON or form-encoded parameters'
      ],
      ['no chat_id', () => call(env, TOKEN, 'sendMessage', { json: { text: 'hi' } }), 'Bad Request: chat_id is empty'],
      [
        'chat_id not a number',
        () => call(env, TOKEN, 'sendMessage', { json: { chat_id: 'abc', text: 'hi' } }),
        'Bad Request: chat_id must be an integer'
      ],
      ['no text', () => call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId } }), 'Bad Request: text is missing'],
      [
        'text not a string',
        () => call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 42 } }),
        'Bad Request: text must be a string'
      ],
      ['unknown chat', () => call(env, TOKEN, 'sendMessage', { json: { chat_id: 12345, text: 'hi' } }), 'Bad Request: chat not found']
    ]
    for (let round = 0; round < 2; round++) {
      for (const [what, send, description] of malformed) {
        expect(await send(), what).toEqual({ status: 400, body: { ok: false, error_code: 400, description } })
      }
    }
    const huge = await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 'x'.repeat(70_000) } })
    expect(huge).toEqual({
      status: 413,
      body: { ok: false, error_code: 413, description: 'Request Entity Too Large: at most 65536 bytes' }
    })
    expect(invalidCount(env)).toBe(0)
    expect((await call(env, TOKEN, 'sendMessage', { json: { chat_id: chatId, text: 'still here' } })).status).toBe(200)
  })
})

describe('a bot blocked at the invalid-message limit', () => {
  it('ends its open dialogs (invalid-limit) and tells the evaluators; the default limit is 10', async () => {
    const env = await setup()
    const { api } = env.server
    api.registerBot({ name: 'parrot', token: 'parrot-token-001' })
    const events: WildEvent[] = []
    api.subscribe((e) => events.push(e))
    const bot = runBot(env, 'parrot-token-001', 'parrot')
    await waitFor('the bot to start', () => bot.events.some((e) => e.event === 'ready'))
    const first = api.startDialog('parrot-token-001', PROFILES[0]!, PROFILES[2]!)
    const second = api.startDialog('parrot-token-001', PROFILES[1]!)
    const refusals = () => bot.events.filter((e) => e.event === 'sent' && e.status === 400).length
    await waitFor('two refusals', () => refusals() === 2)
    for (let i = 3; i <= 10; i++) {
      api.sendHumanMessage(first, `message ${i}`)
      await waitFor(`refusal ${i}`, () => refusals() === i)
    }
    expect(await within('the blocked bot to exit', bot.exit, 10_000)).toBe(4)
    expect(api.listBots()[0]).toMatchObject({ invalidCount: 10, blocked: true })
    for (const chatId of [first, second]) {
      expect(api.getDialog(chatId)).toMatchObject({ status: 'closed', closeReason: 'invalid-limit' })
      expect(events).toContainEqual({ type: 'wild.closed', chatId, reason: 'invalid-limit' })
      expect(apiError(() => api.sendHumanMessage(chatId, 'are you there?')).message).toBe(`dialog ${chatId} is closed (invalid-limit)`)
    }
    // Still rateable; the bot's late answer is the 403 of a blocked bot.
    expect(api.endDialog(second, { quality: 1 })).toMatchObject({ closeReason: 'invalid-limit', rating: { quality: 1 } })
    expect((await call(env, 'parrot-token-001', 'sendMessage', { json: { chat_id: first, text: 'sorry' } })).status).toBe(403)
  })
})
