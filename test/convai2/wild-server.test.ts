// The ConvAI2 wild-evaluation server against real bot processes (test/convai2/echo-bot.mjs)
// talking plain HTTP on 127.0.0.1, plus direct HTTP calls for the corner cases. Every wait is
// bounded; bot processes have their own deadline and are killed (by pid) in afterEach.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseBotSpec, wildCommand } from '../../src/main/cli/wild-command'
import { UsageError } from '../../src/main/cli/args'
import { copiedNgram, profileNgrams, unwrapText, wildTokens } from '../../src/main/convai2/wild-rules'
import { startWildServer } from '../../src/main/convai2/wild-server'
import {
  apiError,
  botMessages,
  call,
  cleanups,
  PROFILE_COPY,
  PROFILES,
  runBot,
  runCleanups,
  setup,
  T0,
  waitFor,
  within
} from './wild-helpers'

afterEach(runCleanups)

describe('wild rules', () => {
  it('5-grams of the profile, over lowercased tokens without punctuation, never across sentences', () => {
    expect(wildTokens("I'm a  Construction-worker!")).toEqual(['i', 'm', 'a', 'construction', 'worker'])
    const set = profileNgrams(['i love to go hiking in the mountains.', 'my dogs are great'], 5)
    expect(set.has('i love to go hiking')).toBe(true)
    expect(set.size).toBe(4) // 8 tokens → 4 five-grams; the 4-token sentence has none
    expect(copiedNgram('I LOVE to go, hiking!', set, 5)).toBe('i love to go hiking')
    expect(copiedNgram('i love to go fishing', set, 5)).toBeNull()
    // "the mountains. my dogs are" spans two sentences: not a profile 5-gram.
    expect(copiedNgram('in the mountains my dogs are fine', set, 5)).toBeNull()
    expect(unwrapText('{"text": "Hello!"}')).toBe('Hello!')
    expect(unwrapText('{not json')).toBe('{not json')
    expect(unwrapText('{"other": 1}')).toBe('{"other": 1}')
  })
})

describe('wild evaluation server', () => {
  it('binds 127.0.0.1; unknown token → 401, unknown method → 404', async () => {
    const env = await setup()
    env.server.api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    expect(env.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(await call(env, 'not-a-known-token', 'getUpdates')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' }
    })
    expect((await call(env, 'not-a-known-token', 'sendMessage', { json: { chat_id: 1, text: 'x' } })).status).toBe(401)
    expect((await call(env, 'quiet-token-0001', 'getMe')).status).toBe(404)
    expect((await fetch(`${env.server.url}whatever`)).status).toBe(404)
  })

  it('long polling: waits up to `timeout`, answers as soon as a message arrives, hands each update out once', async () => {
    const env = await setup()
    const { api } = env.server
    api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })

    const started = Date.now()
    const empty = await call(env, 'quiet-token-0001', 'getUpdates', { query: 'timeout=1' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(empty).toEqual({ status: 200, body: { ok: true, result: [] } })

    const polling = call(env, 'quiet-token-0001', 'getUpdates', { json: { timeout: 10 } })
    await new Promise((r) => setTimeout(r, 200))
    const t = Date.now()
    const chatId = api.startDialog('quiet-token-0001', PROFILES[0]!)
    const first = await within('the long poll', polling, 5000)
    expect(Date.now() - t).toBeLessThan(3000)
    expect(first.body.result).toHaveLength(1)
    const update = first.body.result[0]
    expect(update.message).toMatchObject({
      message_id: 0,
      chat: { id: chatId, type: 'private' },
      from: { id: chatId, is_bot: false },
      date: Math.floor(T0 / 1000),
      text: `/start\n${PROFILES[0]!.join('\n')}`
    })
    expect(Object.keys(update)).toEqual(['update_id', 'message'])

    // Returned once: nothing left.
    expect((await call(env, 'quiet-token-0001', 'getUpdates')).body.result).toEqual([])

    api.sendHumanMessage(chatId, 'first')
    api.sendHumanMessage(chatId, 'second')
    const one = await call(env, 'quiet-token-0001', 'getUpdates', { query: 'limit=1' })
    const two = await call(env, 'quiet-token-0001', 'getUpdates', { query: 'limit=1' })
    expect(one.body.result.map((u: any) => u.message.text)).toEqual(['first'])
    expect(two.body.result.map((u: any) => [u.message.text, u.message.message_id])).toEqual([['second', 2]])
    expect(two.body.result[0].update_id).toBeGreaterThan(one.body.result[0].update_id)
    expect(one.body.result[0].update_id).toBeGreaterThan(update.update_id)
    expect(api.listMessages(chatId).map((m) => [m.messageId, m.sender, m.delivered])).toEqual([
      [0, 'human', true],
      [1, 'human', true],
      [2, 'human', true]
    ])

    // A form-encoded sendMessage, msg_evaluation as a JSON string, evaluating message 1.
    const sent = await call(env, 'quiet-token-0001', 'sendMessage', {
      form: { chat_id: String(chatId), text: 'ok', msg_evaluation: '{"score": 1, "message_id": 1}' }
    })
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({
      ok: true,
      result: { message_id: 3, chat: { id: chatId }, from: { is_bot: true, first_name: 'quiet' }, text: 'ok' }
    })
    expect(api.listMessages(chatId).find((m) => m.messageId === 1)).toMatchObject({ evaluation: 1, evaluatedBy: 3 })
  })

  it('a poll whose client goes away consumes nothing', async () => {
    const env = await setup()
    const { api } = env.server
    api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    const controller = new AbortController()
    const aborted = fetch(`${env.server.url}botquiet-token-0001/getUpdates?timeout=10`, { signal: controller.signal }).catch(
      (error: unknown) => error
    )
    await new Promise((r) => setTimeout(r, 200))
    controller.abort()
    await aborted
    await new Promise((r) => setTimeout(r, 100))
    const chatId = api.startDialog('quiet-token-0001', PROFILES[1]!)
    const got = await call(env, 'quiet-token-0001', 'getUpdates')
    expect(got.body.result.map((u: any) => u.message.chat.id)).toEqual([chatId])
  })

  it('a real bot process holds several dialogs at once; msg_evaluation is stored', async () => {
    const env = await setup()
    const { api } = env.server
    api.registerBot({ name: 'echo', token: 'echo-token-00001' })
    const bot = runBot(env, 'echo-token-00001', 'echo')
    await waitFor('the bot to start', () => bot.events.some((e) => e.event === 'ready'))

    const chats = [0, 1, 2].map((i) => api.startDialog('echo-token-00001', PROFILES[i]!, PROFILES[3]!))
    expect(new Set(chats).size).toBe(3)
    for (const chatId of chats) {
      await waitFor(`the greeting in ${chatId}`, () => botMessages(env, chatId).length === 1)
      // The seed's '{"text": ...}' form is unwrapped.
      expect(botMessages(env, chatId)[0]!.text).toBe('hi! nice to meet you')
    }
    // Interleave the three conversations.
    for (const round of [1, 2]) {
      for (const [i, chatId] of chats.entries()) api.sendHumanMessage(chatId, `hello ${round} from chat ${i}`)
    }
    for (const [i, chatId] of chats.entries()) {
      await waitFor(`two echoes in chat ${i}`, () => botMessages(env, chatId).length === 3)
      expect(botMessages(env, chatId).map((m) => m.text)).toEqual([
        'hi! nice to meet you',
        `echo: hello 1 from chat ${i}`,
        `echo: hello 2 from chat ${i}`
      ])
    }

    // Updates reached the bot process once each, with increasing ids.
    const ids = bot.events.filter((e) => e.event === 'update').map((e) => e.update_id as number)
    expect(ids).toHaveLength(9)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(9)
    expect(bot.events.filter((e) => e.event === 'sent').every((e) => e.status === 200)).toBe(true)

    // msg_evaluation in the database: the first echo scored its message 0 by message_id, the
    // second scored "the last message" 1.
    for (const chatId of chats) {
      const rows = env.store.db
        .prepare(
          `SELECT m.message_id, m.sender, m.text, m.evaluation, m.evaluated_by, m.msg_evaluation_json
           FROM wild_messages m JOIN wild_dialogs d ON d.id = m.dialog_id WHERE d.chat_id = ? ORDER BY m.message_id`
        )
        .all(chatId) as Array<Record<string, unknown>>
      const human = rows.filter((r) => r.sender === 'human' && r.message_id !== 0)
      expect(human.map((r) => r.evaluation)).toEqual([0, 1])
      const evaluators = human.map((r) => rows.find((b) => b.message_id === r.evaluated_by)!)
      expect(evaluators.map((b) => [b.sender, JSON.parse(b.msg_evaluation_json as string)])).toEqual([
        ['bot', { score: 0, message_id: human[0]!.message_id }],
        ['bot', 1]
      ])
      expect(rows[0]).toMatchObject({ message_id: 0, evaluation: null })
    }

    api.sendHumanMessage(chats[0]!, '/shutdown')
    expect(await within('the bot to exit', bot.exit, 10_000)).toBe(0)

    // Ratings: quality 5, 3, 4; the role-play pick is right in chats 0 and 1, wrong in 2.
    const ratings = [5, 3, 4]
    for (const [i, chatId] of chats.entries()) {
      const dialog = api.getDialog(chatId)
      expect(dialog.profileChoices).toHaveLength(2)
      const own = dialog.profileChoices!.findIndex((p) => p.join('\n') === PROFILES[i]!.join('\n')) as 0 | 1
      expect(dialog.profileChoices![1 - own]).toEqual(PROFILES[3])
      const rated = api.endDialog(chatId, { quality: ratings[i]!, roleplay: i === 2 ? ((1 - own) as 0 | 1) : own })
      expect(rated).toMatchObject({ status: 'closed', closeReason: 'ended', rating: { quality: ratings[i], roleplayCorrect: i !== 2 } })
    }
    expect(apiError(() => api.sendHumanMessage(chats[1]!, 'still there?')).code).toBe('CONFLICT')
    expect(apiError(() => api.endDialog(chats[1]!, { quality: 1, roleplay: 0 })).code).toBe('CONFLICT')
    expect(apiError(() => api.endDialog(chats[1]!, { quality: 1, roleplay: 0 })).message).toMatch(/already rated/)

    const [stats] = api.stats()
    expect(stats).toMatchObject({
      name: 'echo',
      dialogs: 3,
      rated: 3,
      humanMessages: 10,
      botMessages: 10,
      evaluations: { n: 6, positive: 3 }
    })
    expect(stats!.quality!.mean).toBe(4)
    expect(stats!.quality!.stderr).toBeCloseTo(Math.sqrt(2 / 3) / Math.sqrt(3), 12)
    expect(stats!.roleplay!.mean).toBeCloseTo(2 / 3, 12)
    expect(stats!.roleplay!.stderr).toBeCloseTo(Math.sqrt(2 / 9) / Math.sqrt(3), 12)
  })

  it('refuses a bot that copies 5-grams of its profile, then blocks it at the invalid-message limit', async () => {
    const env = await setup({ maxInvalidMessages: 3 })
    const { api } = env.server
    api.registerBot({ name: 'parrot', token: 'parrot-token-001' })
    api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    const bot = runBot(env, 'parrot-token-001', 'parrot')
    const chatId = api.startDialog('parrot-token-001', PROFILES[0]!)
    const refusals = () => bot.events.filter((e) => e.event === 'sent')
    await waitFor('the first refusal', () => refusals().length === 1)
    expect(refusals()[0]).toMatchObject({
      status: 400,
      body: { ok: false, error_code: 400, description: PROFILE_COPY }
    })
    api.sendHumanMessage(chatId, 'what do you do?')
    await waitFor('the second refusal', () => refusals().length === 2)
    api.sendHumanMessage(chatId, 'tell me more')
    // Third refusal reaches the limit of 3; the next call is 403 and the bot exits 4.
    await waitFor('the third refusal', () => refusals().length === 3)
    expect(refusals().map((e) => e.status)).toEqual([400, 400, 400])
    // The third refusal blocked the bot and ended its dialog: the evaluator is told.
    expect(api.getDialog(chatId)).toMatchObject({ status: 'closed', closeReason: 'invalid-limit' })
    expect(apiError(() => api.sendHumanMessage(chatId, 'hello?')).message).toMatch(/closed \(invalid-limit\)/)
    expect(await within('the blocked bot to exit', bot.exit, 10_000)).toBe(4)
    expect(bot.events.find((e) => e.event === 'blocked')!.body).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot is blocked after 3 invalid messages'
    })
    expect(botMessages(env, chatId)).toEqual([])
    expect(api.listBots().find((b) => b.name === 'parrot')).toMatchObject({ invalidCount: 3, blocked: true })
    expect((await call(env, 'parrot-token-001', 'getUpdates')).status).toBe(403)
    expect(apiError(() => api.startDialog('parrot-token-001', PROFILES[1]!)).code).toBe('CONFLICT')
    expect(api.unblockBot('parrot-token-001')).toMatchObject({ invalidCount: 0, blocked: false })

    // The same check with a direct client: 4 shared tokens pass, 5 (any case, punctuation) do not.
    const quietChat = api.startDialog('quiet-token-0001', PROFILES[1]!)
    const ok = await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: quietChat, text: 'i love to go fishing' } })
    expect(ok.status).toBe(200)
    const copy = await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: quietChat, text: 'I LOVE to go, hiking!' } })
    expect(copy).toEqual({ status: 400, body: { ok: false, error_code: 400, description: PROFILE_COPY } })
    // Other invalid messages: a msg_evaluation aimed at a bot message, an empty text. An unknown
    // chat is a malformed request: refused, not counted.
    const badTarget = await call(env, 'quiet-token-0001', 'sendMessage', {
      json: { chat_id: quietChat, text: 'fine', msg_evaluation: { score: 1, message_id: 1 } }
    })
    expect(badTarget.body.description).toMatch(/message_id 1 is not a message of your counterpart/)
    expect((await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: 12345, text: 'x' } })).body.description).toBe(
      'Bad Request: chat not found'
    )
    expect(api.listBots().find((b) => b.name === 'quiet')!.invalidCount).toBe(2)
    expect((await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: quietChat, text: '  ' } })).body.description).toBe(
      'Bad Request: message text is empty'
    )
    // Three refusals: blocked, even for a valid message.
    expect((await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: quietChat, text: 'valid' } })).status).toBe(403)
    expect(api.listBots().find((b) => b.name === 'quiet')).toMatchObject({ invalidCount: 3, blocked: true })
    expect(env.store.db.prepare("SELECT invalid_count FROM bots WHERE name = 'quiet'").pluck().get()).toBe(3)
    expect(botMessages(env, quietChat).map((m) => m.text)).toEqual(['i love to go fishing'])
  })

  it('closes a dialog after 600 s without a message (injected clock)', async () => {
    const env = await setup()
    const { api } = env.server
    api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    const chatId = api.startDialog('quiet-token-0001', PROFILES[0]!)
    await call(env, 'quiet-token-0001', 'getUpdates')
    env.clock.t += 599_000
    expect(api.sweep()).toEqual([])
    api.sendHumanMessage(chatId, 'are you there?') // activity: the 600 s start again
    env.clock.t += 599_000
    expect(api.sweep()).toEqual([])
    env.clock.t += 1_000
    expect(api.sweep()).toEqual([chatId])
    expect(api.getDialog(chatId)).toMatchObject({
      status: 'closed',
      closeReason: 'inactivity',
      closedAt: new Date(T0 + 1_199_000).toISOString()
    })
    expect(apiError(() => api.sendHumanMessage(chatId, 'hello?')).message).toMatch(/closed \(inactivity\)/)
    // The undelivered message of the closed dialog is dropped; a late reply is refused
    // without counting as invalid.
    expect((await call(env, 'quiet-token-0001', 'getUpdates')).body.result).toEqual([])
    const late = await call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: chatId, text: 'yes!' } })
    expect(late).toEqual({ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: dialog is closed (inactivity)' } })
    expect(api.listBots()[0]!.invalidCount).toBe(0)
    // Still rated afterwards; no role-play question without an opponent profile.
    expect(apiError(() => api.endDialog(chatId, { quality: 2, roleplay: 1 })).code).toBe('BAD_REQUEST')
    expect(apiError(() => api.endDialog(chatId, { quality: 6 })).code).toBe('BAD_REQUEST')
    expect(api.endDialog(chatId, { quality: 2 })).toMatchObject({
      closeReason: 'inactivity',
      rating: { quality: 2, roleplay: null, roleplayCorrect: null }
    })
  })

  it('closes a dialog at the utterance limit', async () => {
    const env = await setup({ maxUtterances: 4 })
    const { api } = env.server
    api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    const chatId = api.startDialog('quiet-token-0001', PROFILES[0]!) // 1
    const send = (text: string, evaluation?: number) =>
      call(env, 'quiet-token-0001', 'sendMessage', { json: { chat_id: chatId, text, msg_evaluation: evaluation } })
    expect((await send('hello')).status).toBe(200) // 2
    api.sendHumanMessage(chatId, 'hi') // 3
    expect((await send('how are you', 1)).status).toBe(200) // 4: the limit, accepted, then closed
    expect(api.getDialog(chatId)).toMatchObject({ status: 'closed', closeReason: 'utterance-limit', utterances: 4 })
    expect(apiError(() => api.sendHumanMessage(chatId, 'one more')).code).toBe('CONFLICT')
    expect((await send('me too')).body.description).toBe('Bad Request: dialog is closed (utterance-limit)')
  })

  it('survives a restart: bots, open dialogs and undelivered messages; update ids keep increasing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podium-wild-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const first = await setup({}, dir)
    first.server.api.registerBot({ name: 'quiet', token: 'quiet-token-0001' })
    const chatId = first.server.api.startDialog('quiet-token-0001', PROFILES[2]!)
    first.server.api.sendHumanMessage(chatId, 'before the restart')
    const delivered = await call(first, 'quiet-token-0001', 'getUpdates', { query: 'limit=1' })
    expect(delivered.body.result[0].message.message_id).toBe(0)
    await first.server.close()
    first.store.close()

    const second = await setup({}, dir)
    const { api } = second.server
    api.sendHumanMessage(chatId, 'after the restart')
    const got = await call(second, 'quiet-token-0001', 'getUpdates')
    expect(got.body.result.map((u: any) => [u.message.message_id, u.message.text])).toEqual([
      [1, 'before the restart'],
      [2, 'after the restart']
    ])
    const ids = [delivered.body.result[0].update_id, ...got.body.result.map((u: any) => u.update_id)]
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(3)
    const reply = await call(second, 'quiet-token-0001', 'sendMessage', {
      json: { chat_id: chatId, text: 'welcome back', msg_evaluation: 1 }
    })
    expect(reply.body.result.message_id).toBe(3)
    expect(api.listMessages(chatId).find((m) => m.messageId === 2)).toMatchObject({ evaluation: 1, evaluatedBy: 3 })
  })

  it('works without a store (in-memory database)', async () => {
    const server = await startWildServer({ sweepIntervalMs: 0 })
    cleanups.push(() => server.close())
    server.api.registerBot({ name: 'mem', token: 'memory-token-01' })
    const chatId = server.api.startDialog('memory-token-01', PROFILES[0]!)
    const response = await fetch(`${server.url}botmemory-token-01/getUpdates`)
    const body = (await response.json()) as { result: Array<{ message: { chat: { id: number } } }> }
    expect(body.result.map((u) => u.message.chat.id)).toEqual([chatId])
    expect(apiError(() => server.api.startDialog('memory-token-01', ['too', 'short'])).code).toBe('BAD_REQUEST')
    expect(apiError(() => server.api.startDialog('nope-nope-nope', PROFILES[0]!)).code).toBe('NOT_FOUND')
  })
})

describe('podium wild-serve arguments', () => {
  it('parses NAME=TOKEN and refuses bad bots before serving', async () => {
    expect(parseBotSpec('Team One=123:abc=def')).toEqual({ name: 'Team One', token: '123:abc=def' })
    expect(() => parseBotSpec('no-token')).toThrow(UsageError)
    expect(() => parseBotSpec('=token-only')).toThrow(/NAME=TOKEN/)
    const dir = mkdtempSync(join(tmpdir(), 'podium-wild-cli-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    await expect(wildCommand.run(['--data', dir, '--bot', 'x'])).rejects.toThrow(UsageError)
    // A token with a "/" cannot be part of /bot<token>/...: refused, nothing left running.
    await expect(wildCommand.run(['--data', dir, '--port', '0', '--bot', 'team=bad/token/123'])).rejects.toThrow(
      /wild-serve: --bot team: bot token/
    )
    await expect(wildCommand.run(['--data', dir, '--port', 'x'])).rejects.toThrow(/--port/)
    // A busy port is named in plain words, not as a Node error.
    const busy = await startWildServer({ sweepIntervalMs: 0 })
    cleanups.push(() => busy.close())
    await expect(wildCommand.run(['--data', dir, '--port', String(busy.port)])).rejects.toThrow(
      `wild-serve: port ${busy.port} on 127.0.0.1 is already in use; pick another with --port`
    )
    await expect(wildCommand.run(['--data', dir, '--challenge', 'nope'])).rejects.toThrow(/no challenge "nope"/)
  })
})
