// The ConvAI2 track inside the app: intake and scoring of the demo teams, the leaderboard with
// the ParlAI baselines, and a human evaluation of a bot through the typed API.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PodiumEvent } from '../../src/shared/api'
import { createConvai2Demo } from '../../src/main/demo/convai2-seed'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { dispatch } from '../../src/main/services/handlers'

let dir: string
let runtime: Runtime
let challengeId: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podium-convai2-'))
  runtime = startRuntime({ dataDir: dir, transport: 'http' })
  challengeId = await createConvai2Demo(runtime)
  runtime.intake.enqueue(runtime.store.teams.list(challengeId).map((t) => t.id))
  await runtime.intake.idle()
})
afterAll(async () => {
  await runtime?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('ConvAI2 leaderboard', () => {
  it('shows every team beside the three ParlAI baselines, with eligibility and wild slots', async () => {
    const board = await runtime.handlers['convai2.leaderboard']({ challengeId, anonymized: false })
    const byLabel = new Map(board.rows.map((r) => [r.label, r]))
    expect(board.rows.filter((r) => r.baseline).map((r) => r.label)).toEqual(['Seq2Seq + Attention', 'Language Model', 'KV Profile Memory'])
    expect(byLabel.get('Seq2Seq + Attention')!.metrics.ppl!.value).toBe(35.07)
    expect(byLabel.get('Nimbus Chat')!.metrics).toMatchObject({ f1: null, ppl: null })
    expect(byLabel.get('Nimbus Chat')!.metrics.hits1!.value).toBeGreaterThan(0)
    // Late and non-permissive entries stay on the board but cannot go to the wild evaluation.
    expect(byLabel.get('Orchid Labs')).toMatchObject({ eligible: false, wild: false })
    expect(byLabel.get('Quokka')!.reasons.join(' ')).toMatch(/not open-sourced/)
    expect(byLabel.get('Lighthouse')).toMatchObject({ eligible: true, wild: true, bestIn: expect.arrayContaining(['f1']) })
    expect(board.wild.slots).toBe(10)
  })

  it('is anonymized by default', async () => {
    const board = await runtime.handlers['convai2.leaderboard']({ challengeId })
    const names = runtime.store.teams.list(challengeId).map((t) => t.name)
    for (const row of board.rows) expect(names).not.toContain(row.label)
  })
})

describe('human evaluation of a bot', () => {
  it('needs the server started first', async () => {
    const out = await dispatch(runtime.handlers, 'wild.startDialog', { botId: 1 })
    expect(out).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('chats with the demo bot over the Bot API, then stores the rating', async () => {
    const status = await runtime.handlers['wild.start'](null)
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const bot = status.bots.find((b) => b.name === 'Lighthouse bot')!
    const replies: string[] = []
    const seen: string[] = []
    const unsubscribe = runtime.events.subscribe((event: PodiumEvent) => {
      if (event.type !== 'wild.message') return
      seen.push(event.message.text)
      if (event.message.sender === 'bot') replies.push(event.message.text)
    })
    const dialog = await runtime.handlers['wild.startDialog']({ botId: bot.id })
    expect(dialog.profileChoices).toHaveLength(2)
    // The evaluator never sees the /start message that names the bot's profile.
    expect(dialog.messages.every((m) => !m.text.startsWith('/start'))).toBe(true)

    await runtime.handlers['wild.send']({ chatId: dialog.chatId, text: 'hi! i love cooking pasta at weekends.' })
    const deadline = Date.now() + 20_000
    while (replies.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    unsubscribe()
    expect(replies.length).toBeGreaterThanOrEqual(2)
    // The profile travels only to the bot: no event carries the /start message.
    expect(seen.some((text) => text.startsWith('/start'))).toBe(false)
    const view = await runtime.handlers['wild.dialog']({ chatId: dialog.chatId })
    expect(view.messages.some((m) => m.sender === 'human' && m.evaluation === 1)).toBe(true)

    const ended = await runtime.handlers['wild.end']({ chatId: dialog.chatId, quality: 4, roleplay: 0 })
    expect(ended).toMatchObject({ status: 'closed', rated: true })
    const stats = (await runtime.handlers['wild.status'](null)).stats.find((s) => s.botId === bot.id)!
    expect(stats.quality).toMatchObject({ mean: 4, n: 1 })
    const board = await runtime.handlers['convai2.leaderboard']({ challengeId, anonymized: false })
    expect(board.rows.find((r) => r.label === 'Lighthouse')!.human!.quality!.mean).toBe(4)
  })

  it('picks a bot itself when the evaluator does not choose, and lists dialogs for review', async () => {
    const dialog = await runtime.handlers['wild.startDialog'](null)
    expect(dialog.status).toBe('open')
    const dialogs = await runtime.handlers['wild.dialogs'](null)
    expect(dialogs.map((d) => d.chatId)).toContain(dialog.chatId)
    // The organizer's review shows the bot's profile; the evaluator's view never does.
    expect(dialogs.find((d) => d.chatId === dialog.chatId)!.profile).toHaveLength(4)
  })
})

describe('the ConvAI2 report', () => {
  it('prints the ConvAI2 leaderboard as the console shows it: baselines, percent, eligibility, wild slots, human scores', async () => {
    const board = await runtime.handlers['convai2.leaderboard']({ challengeId })
    const file = await runtime.handlers['reports.export']({ challengeId, format: 'md' })
    const md = file.content
    // No SIMMC winner rule: ConvAI2's board has no winner, only eligibility and wild slots.
    expect(md).not.toContain('★')
    expect(md).not.toMatch(/Winner|standard error of|within/)
    expect(md).toContain('up to 10 eligible entries go to the wild (human) evaluation')
    expect(md).toContain('## ConvAI2 validation leaderboard')
    expect(md).not.toMatch(/\btest\b/)
    expect(md).toContain('| PPL ↓ | Hits@1 (%) ↑ | F1 (%) ↑ | Human quality (1-5) | Role-play accuracy |')
    const line = (label: string): string => md.split('\n').find((l) => l.includes(`| ${label} |`))!
    for (const row of board.rows) {
      const text = line(row.label)
      expect(text, row.label).toBeDefined()
      for (const metric of ['ppl', 'hits1', 'f1'] as const) {
        const cell = row.metrics[metric]
        if (!cell) continue
        const scale = metric === 'ppl' ? 1 : 100
        // The console's units: Hits@1 and F1 in percent, two decimals.
        expect(text, `${row.label} ${metric}`).toContain((cell.value * scale).toFixed(2))
      }
      if (row.baseline) expect(text).toContain('ParlAI baseline (not an entry)')
      else if (!row.eligible) expect(text).toContain(`not eligible: ${row.reasons[0]}`)
      if (row.wild) expect(text).toContain('wild evaluation slot')
      if (row.human?.quality) expect(text).toContain(`${row.human.quality.mean.toFixed(2)} (no SE) (n = 1)`)
    }
    expect(board.rows.filter((r) => r.baseline)).toHaveLength(3)
    expect(board.rows.some((r) => r.human?.quality)).toBe(true)
    expect(board.rows.some((r) => !r.baseline && !r.eligible)).toBe(true)
    // The three metrics share one gold file: listed once.
    expect(md.match(/gold convai2_\w+_gold\.jsonl/g)).toHaveLength(1)
  })

  it('the ConvAI2 HTML report has no winner line either', async () => {
    const file = await runtime.handlers['reports.export']({ challengeId, format: 'html' })
    expect(file.content).not.toContain('★')
    expect(file.content).toContain('Hits@1 (%) ↑')
  })
})
