// The wild evaluation as the console runs it (startRuntime → handlers), with bots as plain HTTP
// clients on 127.0.0.1: a failed start followed by a good one, unblocking (API channel and
// CLI) without a second bot, limits per challenge (config + CLI), the Bot API coming back when
// the console restarts, and the human-evaluation numbers (unanswered dialogs, n = 1, never
// connected).
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { wildLimitsCommand, wildUnblockCommand } from '../../src/main/cli/wild-command'
import { UsageError } from '../../src/main/cli/args'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'
import { convai2ChallengeConfig } from '../../src/shared/convai2'

const TOKEN = 'team-bot-token-01'
const dirs: string[] = []
const runtimes: Runtime[] = []
const blockers: Server[] = []
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close()
  for (const s of blockers.splice(0)) await new Promise((done) => s.close(done))
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podium-wild-service-'))
  dirs.push(dir)
  return dir
}

function open(dir: string, resume = false): Runtime {
  const runtime = startRuntime({ dataDir: dir, transport: 'http', workers: 1, resume })
  runtimes.push(runtime)
  return runtime
}

/** A ConvAI2 challenge with one team and its bot (registered in the store, as the demo does). */
function seed(runtime: Runtime): { challengeId: number; botId: number } {
  const { store } = runtime
  const challengeId = store.challenges.insert({
    slug: 'convai2-test',
    name: 'ConvAI2 test',
    kind: 'convai2',
    deadline: '2018-09-30T23:59:59Z',
    entryTag: 'convai2-entry',
    config: convai2ChallengeConfig('gold'),
    anonSeed: 'seed'
  })
  const teamId = store.teams.insert({
    challengeId,
    name: 'Team One',
    repo: '/nowhere',
    contact: '',
    anonId: 'Team 1',
    isBaseline: false,
    flaggedReason: null
  })
  const botId = store.convai2.upsertBot({ name: 'one', token: TOKEN, teamId }).id
  return { challengeId, botId }
}

async function bot(url: string, method: string, json?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json ?? {})
  })
  return { status: response.status, body: await response.json() }
}

/** Polls an async check every 20 ms until it gives a value, or fails after `ms`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function busyPort(): Promise<number> {
  const server = createServer()
  blockers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return (server.address() as { port: number }).port
}

describe('starting the Bot API server', () => {
  it('a port in use gives a clear message, and the next start on a free port works', async () => {
    const runtime = open(newDir())
    const { challengeId } = seed(runtime)
    const port = await busyPort()
    const failed = await dispatch(runtime.handlers, 'wild.start', { port, challengeId })
    expect(failed).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `port ${port} is in use (by another program or another Podium): choose another port, or leave it empty for any free port`
      }
    })
    expect(JSON.stringify(failed)).not.toMatch(/EADDRINUSE|listen|::/)
    expect((await runtime.handlers['wild.status']({ challengeId })).error).toMatch(/is in use/)
    const started = await runtime.handlers['wild.start']({ challengeId })
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(started.error).toBeNull()
    expect((await bot(started.url!, 'getUpdates')).status).toBe(200)
    expect(await dispatch(runtime.handlers, 'wild.start', { port: 70000 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })
})

describe('unblocking a bot', () => {
  it('through the API channel and the CLI, while serving: the same bot and token answer again', async () => {
    const dir = newDir()
    const runtime = open(dir)
    const { challengeId, botId } = seed(runtime)
    await runtime.handlers['wild.setLimits']({ challengeId, limits: { maxInvalidMessages: 2 } })
    const { url } = await runtime.handlers['wild.start']({ challengeId })
    const dialog = await runtime.handlers['wild.startDialog']({ botId })
    await bot(url!, 'getUpdates')
    const block = async (): Promise<void> => {
      for (let i = 0; i < 2; i++) expect((await bot(url!, 'sendMessage', { chat_id: dialog.chatId, text: ' ' })).status).toBe(400)
      expect((await bot(url!, 'getUpdates')).status).toBe(403)
    }
    await block()
    const view = await runtime.handlers['wild.dialog']({ chatId: dialog.chatId })
    expect(view).toMatchObject({ status: 'closed', closeReason: 'invalid-limit' })

    expect(await runtime.handlers['wild.unblockBot']({ botId })).toMatchObject({ id: botId, token: TOKEN, invalidCount: 0, blocked: false })
    expect((await bot(url!, 'getUpdates')).status).toBe(200)
    const again = await runtime.handlers['wild.startDialog']({ botId })
    expect((await bot(url!, 'getUpdates')).body.result[0].message.chat.id).toBe(again.chatId)
    const blockedAgain = async (): Promise<void> => {
      for (let i = 0; i < 2; i++) expect((await bot(url!, 'sendMessage', { chat_id: again.chatId, text: '' })).status).toBe(400)
      expect((await bot(url!, 'getUpdates')).status).toBe(403)
    }
    await blockedAgain()

    // The CLI, in its own runtime on the same data dir, while this one serves.
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      expect(await wildUnblockCommand.run(['--data', dir, '--bot', 'one'])).toBe(0)
      expect(String(out.mock.calls[0]![0])).toBe(`Unblocked bot ${botId} (one): 2 invalid messages cleared\n`)
    } finally {
      out.mockRestore()
    }
    expect((await bot(url!, 'getUpdates')).status).toBe(200)
    expect(runtime.store.convai2.bots()).toHaveLength(1)
    await expect(wildUnblockCommand.run(['--data', dir, '--bot', 'nobody'])).rejects.toThrow(/no bot "nobody"; bots: 1 \(one\)/)
    expect(runtime.store.audit.list(challengeId, null, 10).filter((a) => a.action === 'wild.unblocked')).toHaveLength(2)

    // Also while the server is stopped.
    await runtime.handlers['wild.stop'](null)
    runtime.store.convai2.incrementInvalid(botId)
    expect(await runtime.handlers['wild.unblockBot']({ botId })).toMatchObject({ invalidCount: 0 })
  })
})

describe('limits per challenge', () => {
  it('set in the configuration (API and CLI), used by the server, applied at once while it runs', async () => {
    const dir = newDir()
    const runtime = open(dir)
    const { challengeId, botId } = seed(runtime)
    const status = await runtime.handlers['wild.status']({ challengeId })
    expect(status.limits).toEqual({ inactivitySeconds: 600, maxUtterances: 1000, maxInvalidMessages: 10, maxPollSeconds: 50 })

    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      expect(
        await wildLimitsCommand.run(['--data', dir, '--challenge', 'convai2-test', '--inactivity', '1', '--max-utterances', '3'])
      ).toBe(0)
      expect(String(out.mock.calls[0]![0])).toBe(
        'convai2-test: inactivity 1 s, 3 messages per dialog, blocked after 10 invalid messages, getUpdates wait at most 50 s\n'
      )
    } finally {
      out.mockRestore()
    }
    await expect(wildLimitsCommand.run(['--data', dir, '--challenge', 'convai2-test', '--max-invalid', '0'])).rejects.toThrow(
      'wild-limits: limits.maxInvalidMessages (invalid messages before a bot is blocked): expected an integer from 1 to 10000, got 0'
    )
    await expect(wildLimitsCommand.run(['--data', dir, '--challenge', 'convai2-test', '--max-poll', 'soon'])).rejects.toThrow(UsageError)
    expect(runtime.store.challenges.get(challengeId)!.config.wildLimits).toEqual({ inactivitySeconds: 1, maxUtterances: 3 })
    expect(await dispatch(runtime.handlers, 'wild.setLimits', { challengeId, limits: { maxTurns: 3 } as never })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/request\.limits\.maxTurns is not a field/) }
    })

    const started = await runtime.handlers['wild.start']({ challengeId })
    expect(started.limits).toMatchObject({ inactivitySeconds: 1, maxUtterances: 3 })
    // 3 messages: /start, the human's, the bot's reply; then the dialog closes.
    const first = await runtime.handlers['wild.startDialog']({ botId })
    await runtime.handlers['wild.send']({ chatId: first.chatId, text: 'hello' })
    await bot(started.url!, 'getUpdates')
    expect((await bot(started.url!, 'sendMessage', { chat_id: first.chatId, text: 'hi!' })).status).toBe(200)
    expect(await runtime.handlers['wild.dialog']({ chatId: first.chatId })).toMatchObject({
      status: 'closed',
      closeReason: 'utterance-limit'
    })
    // 1 s without a message closes a dialog (the server sweeps every second).
    const idle = await runtime.handlers['wild.startDialog']({ botId })
    await waitFor('the idle dialog to close', () => runtime.store.convai2.dialog(idle.chatId)!.status === 'closed', 5000)
    expect(runtime.store.convai2.dialog(idle.chatId)!.closeReason).toBe('inactivity')

    // Changed while running: in force at once; null puts the default back.
    expect(await runtime.handlers['wild.setLimits']({ challengeId, limits: { inactivitySeconds: null, maxUtterances: 1000 } })).toEqual({
      inactivitySeconds: 600,
      maxUtterances: 1000,
      maxInvalidMessages: 10,
      maxPollSeconds: 50
    })
    expect(runtime.store.challenges.get(challengeId)!.config.wildLimits).toBeUndefined()
    const later = await runtime.handlers['wild.startDialog']({ botId })
    await new Promise((r) => setTimeout(r, 1500))
    expect(runtime.store.convai2.dialog(later.chatId)!.status).toBe('open')
    // A lower invalid-message limit blocks a bot that is over it, and ends its dialogs, at once.
    expect((await bot(started.url!, 'sendMessage', { chat_id: later.chatId, text: '' })).status).toBe(400)
    await runtime.handlers['wild.setLimits']({ challengeId, limits: { maxInvalidMessages: 1 } })
    expect(runtime.store.convai2.dialog(later.chatId)).toMatchObject({ status: 'closed', closeReason: 'invalid-limit' })
    expect((await runtime.handlers['wild.status'](null)).bots[0]).toMatchObject({ invalidCount: 1, blocked: true })
  })
})

describe('the console restarts', () => {
  it('brings the Bot API back on the same URL if it was running, not after an explicit stop', async () => {
    const dir = newDir()
    const first = open(dir, true)
    const { challengeId, botId } = seed(first)
    await first.handlers['wild.setLimits']({ challengeId, limits: { maxUtterances: 50 } })
    const { url } = await first.handlers['wild.start']({ challengeId })
    const chat = await first.handlers['wild.startDialog']({ botId })
    await first.close()
    runtimes.splice(runtimes.indexOf(first), 1)
    await expect(fetch(`${url}bot${TOKEN}/getUpdates`)).rejects.toThrow()

    const second = open(dir, true)
    const status = await waitFor('the Bot API to come back', async () => {
      const s = await second.handlers['wild.status'](null)
      return s.url ? s : undefined
    })
    expect(status).toMatchObject({ url, challengeId, limits: { maxUtterances: 50 }, error: null })
    // The bot picks up where it was: the /start of the open dialog is still waiting for it.
    expect((await bot(url!, 'getUpdates')).body.result.map((u: any) => u.message.chat.id)).toEqual([chat.chatId])

    await second.handlers['wild.stop'](null)
    await second.close()
    runtimes.splice(runtimes.indexOf(second), 1)
    const third = open(dir, true)
    await new Promise((r) => setTimeout(r, 300))
    expect((await third.handlers['wild.status'](null)).url).toBeNull()
  })

  it('says why when the old port is taken', async () => {
    const dir = newDir()
    const first = open(dir, true)
    seed(first)
    const { url } = await first.handlers['wild.start'](null)
    await first.close()
    runtimes.splice(runtimes.indexOf(first), 1)
    const port = Number(new URL(url!).port)
    const blocker = createServer()
    blockers.push(blocker)
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done))
    const second = open(dir, true)
    const status = await waitFor('the restart to fail', async () => {
      const s = await second.handlers['wild.status'](null)
      return s.error ? s : undefined
    })
    expect(status.url).toBeNull()
    expect(status.error).toBe(
      `The Bot API server was running before the restart but could not start again: port ${port} is in use (by another program or another Podium): choose another port, or leave it empty for any free port`
    )
  })
})

describe('human-evaluation numbers', () => {
  it('leave out dialogs the bot never answered, give no SE for one rating, and know a bot that never connected', async () => {
    const runtime = open(newDir())
    const { challengeId, botId } = seed(runtime)
    const { url } = await runtime.handlers['wild.start']({ challengeId })
    expect((await runtime.handlers['wild.status'](null)).bots[0]).toMatchObject({ lastPollAt: null })

    // The bot never answers this one; it is rated 4 anyway.
    const silent = await runtime.handlers['wild.startDialog']({ botId })
    await runtime.handlers['wild.send']({ chatId: silent.chatId, text: 'hello?' })
    await runtime.handlers['wild.end']({ chatId: silent.chatId, quality: 4, roleplay: 0 })
    let stats = (await runtime.handlers['wild.status'](null)).stats[0]!
    expect(stats).toMatchObject({ dialogs: 1, rated: 0, ratedUnanswered: 1, quality: null, roleplay: null })
    const board = await runtime.handlers['convai2.leaderboard']({ challengeId, anonymized: false })
    expect(board.rows.find((r) => r.label === 'Team One')!.human).toEqual({ quality: null, roleplay: null })

    // One answered, rated dialog: a mean, n = 1 and no standard error.
    const talk = await runtime.handlers['wild.startDialog']({ botId })
    await runtime.handlers['wild.send']({ chatId: talk.chatId, text: 'hi' })
    await bot(url!, 'getUpdates')
    expect((await runtime.handlers['wild.status'](null)).bots[0]!.lastPollAt).toMatch(/^\d{4}-/)
    expect((await bot(url!, 'sendMessage', { chat_id: talk.chatId, text: 'hello, i like trains' })).status).toBe(200)
    await runtime.handlers['wild.end']({ chatId: talk.chatId, quality: 3, roleplay: 1 })
    stats = (await runtime.handlers['wild.status'](null)).stats[0]!
    expect(stats).toMatchObject({ rated: 1, ratedUnanswered: 1, quality: { mean: 3, stderr: null, n: 1 } })
    expect(stats.roleplay).toMatchObject({ stderr: null, n: 1 })

    // "Any bot" picks a connected bot before one that never called getUpdates.
    const idle = runtime.store.convai2.upsertBot({ name: 'idle', token: 'idle-bot-token-01', teamId: null })
    for (let i = 0; i < 3; i++) {
      const picked = await runtime.handlers['wild.startDialog'](null)
      expect(runtime.store.convai2.dialog(picked.chatId)!.botId).toBe(botId)
    }
    expect((await runtime.handlers['wild.status'](null)).bots.find((b) => b.id === idle.id)).toMatchObject({ lastPollAt: null })
  })
})
