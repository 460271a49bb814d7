// The organizer's whole flow on the demo challenge, on real components: git repositories,
// the SQLite file, the worker pool (built worker) and the report writers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import type { TeamRow } from '../../src/shared/teams'
import { createDemoChallenge } from '../../src/main/demo/seed'
import { runGit, gitDate } from '../../src/main/intake/repo-builder'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { exportReport, teamNotices } from '../../src/main/services/reports'
import { recordWitnesses } from '../../src/main/services/witness-service'
import { chromiumPrintPdf } from '../../src/main/reports/chromium-pdf'
import { leaderboardFor, loadBoardData } from '../../src/main/services/leaderboard-query'

let dataDir: string
let runtime: Runtime
let challenge: Challenge
let teams: TeamRow[]

const byName = (name: string): TeamRow => runtime.store.teams.list(challenge.id).find((t) => t.name === name)!

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-flow-'))
  runtime = startRuntime({ dataDir, transport: 'http', workers: 2 })
  challenge = runtime.store.challenges.get(await createDemoChallenge(runtime))!
  teams = runtime.store.teams.list(challenge.id)
  runtime.intake.enqueue(teams.map((t) => t.id))
  await runtime.intake.idle()
})
afterAll(async () => {
  await runtime?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('intake of the demo challenge', () => {
  it('gives every team the verdict its repository implies', () => {
    const verdicts = Object.fromEntries(
      runtime.store.teams.list(challenge.id).map((t) => [t.name, `${t.submission!.status} ${t.submission!.statusCode ?? 'ok'}`])
    )
    expect(verdicts).toEqual({
      'Aurora Labs': 'done ok',
      'Blue Heron NLP': 'done ok',
      'Cobalt Dialog': 'done ok',
      'Delta Speech': 'done TAG_AFTER_DEADLINE',
      // A partial entry: no furniture retrieval file, judged on the seven files it has.
      'Ember AI': 'done ok',
      'Fjord Research': 'done LICENSE_NOT_PERMISSIVE',
      'Garnet Group': 'done CODE_CHANGED_AFTER_TAG',
      'Harbor Bots': 'done ok',
      'SIMMC baseline': 'done ok'
    })
    const cobalt = runtime.store.submissions.report(byName('Cobalt Dialog').submission!.id)!
    expect(cobalt.problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning LIGHTWEIGHT_TAG'])
  })

  it('stores every evaluation with its per-example results', () => {
    const aurora = runtime.store.evaluations.forSubmission(byName('Aurora Labs').submission!.id)
    expect(aurora).toHaveLength(8)
    for (const e of aurora) {
      expect(runtime.store.evaluations.countExamples({ evaluationId: e.id })).toBe(e.n)
      expect(e.inputSha256).toMatch(/^[0-9a-f]{64}$/)
    }
    // Single-round evaluation: one example per dialog (60 per domain) except DST.
    expect(aurora.find((e) => e.task === 'simmc-st1' && e.domain === 'fashion')!.n).toBe(60)
    expect(runtime.store.evaluations.forSubmission(byName('Ember AI').submission!.id)).toHaveLength(7)
    const ember = runtime.store.submissions.report(byName('Ember AI').submission!.id)!
    expect(ember.entry?.missing.map((f) => `${f.categoryId}/${f.domain}`)).toEqual(['simmc-st2-retrieval/furniture'])
    expect(ember.entry?.summary).toContain('Subtask 2 — Response Generation (retrieval): fashion;')
    expect(byName('Ember AI').verdict?.attempted).toBe(ember.entry?.summary)
  })

  it('logs each status change in the audit log, in order', () => {
    const actions = runtime.store.audit
      .list(challenge.id, byName('Harbor Bots').id)
      .map((a) => a.action)
      .reverse()
    expect(actions).toEqual(['submission.pending', 'submission.fetching', 'submission.validating', 'submission.scoring', 'submission.done'])
  })

  it('resumes a submission left running by a crash, and one still queued, and leaves none stuck', async () => {
    const team = byName('Harbor Bots')
    const queued = byName('Blue Heron NLP')
    runtime.store.submissions.setStatus(team.submission!.id, 'scoring', null, 'killed mid-run')
    runtime.store.submissions.setStatus(queued.submission!.id, 'pending', null, 'queued')
    await runtime.close()
    runtime = startRuntime({ dataDir, transport: 'http', resume: true })
    await runtime.intake.idle()
    expect(byName('Harbor Bots').submission).toMatchObject({ id: team.submission!.id, status: 'done', statusCode: null })
    expect(byName('Blue Heron NLP').submission).toMatchObject({ id: queued.submission!.id, status: 'done' })
    expect(runtime.store.submissions.interrupted()).toEqual([])
    expect(runtime.store.audit.list(challenge.id, team.id).map((a) => a.action)).toContain('intake.resumed')
  })

  it('raises TAG_MOVED when the tag no longer points where the witness saw it', async () => {
    await recordWitnesses(runtime.store, challenge)
    const team = byName('Aurora Labs')
    // Re-tag the predictions commit with a forged, early date.
    await runGit(['tag', '-f', '-a', challenge.entryTag, '-m', 'moved', 'HEAD'], team.repo, {
      GIT_COMMITTER_DATE: gitDate('2020-09-20T10:00:00-07:00'),
      GIT_COMMITTER_NAME: 'x',
      GIT_COMMITTER_EMAIL: 'x@example.org'
    })
    runtime.intake.enqueue([team.id])
    await runtime.intake.idle()
    const after = byName('Aurora Labs').submission!
    const report = runtime.store.submissions.report(after.id)!
    expect(report.problems.map((p) => p.code)).toContain('TAG_MOVED')
    expect(after.status).toBe('done')
  })
})

describe('example queries for error analysis', () => {
  it('filters by dialog, by gold and predicted action, and by wrong answers', () => {
    const e = runtime.store.evaluations
      .forSubmission(byName('Harbor Bots').submission!.id)
      .find((x) => x.task === 'simmc-st1' && x.domain === 'fashion')!
    const all = runtime.store.evaluations.examples({ evaluationId: e.id }, 1000)
    const count = (filter: object): number => runtime.store.evaluations.countExamples({ evaluationId: e.id, ...filter })
    const gold = all[0]!.detail!.goldAction as string
    expect(count({ goldAction: gold })).toBe(all.filter((x) => x.detail!.goldAction === gold).length)
    const cell = all.find((x) => x.score === 0)!
    expect(count({ goldAction: cell.detail!.goldAction, predictedAction: cell.detail!.predictedAction })).toBe(
      all.filter((x) => x.detail!.goldAction === cell.detail!.goldAction && x.detail!.predictedAction === cell.detail!.predictedAction)
        .length
    )
    expect(count({ wrongOnly: true })).toBe(all.filter((x) => x.score < 1).length)
    const dialog = runtime.store.evaluations.examples({ evaluationId: e.id, dialogId: all[3]!.dialogId }, 10)
    expect(dialog.map((x) => x.dialogId)).toEqual(dialog.map(() => all[3]!.dialogId))
    expect(dialog.length).toBeGreaterThan(0)
  })
})

describe('evaluations are never half-written', () => {
  it('a failed save keeps the previous evaluation and all its examples', () => {
    const submissionId = byName('Blue Heron NLP').submission!.id
    const before = runtime.store.evaluations.forSubmission(submissionId).find((e) => e.task === 'simmc-st1' && e.domain === 'fashion')!
    const examples = runtime.store.evaluations.countExamples({ evaluationId: before.id })
    const broken = {
      task: 'simmc-st1' as const,
      n: 2,
      metrics: { action_accuracy: 0.5 },
      stderr: {},
      coverage: { predicted: 2, total: 2 },
      examples: [
        { dialogId: '1', turn: 0, gold: 'a', prediction: 'a', score: 1 },
        // JSON.stringify cannot write a BigInt: the second example fails mid-transaction.
        { dialogId: '1', turn: 1, gold: 'a', prediction: 'b', score: 0, detail: { bad: 1n as unknown as number } }
      ]
    }
    expect(() => runtime.store.evaluations.save(submissionId, 'fashion', true, 'f'.repeat(64), broken)).toThrow(/BigInt/)
    const after = runtime.store.evaluations.get(before.id)
    expect(after).toEqual(before)
    expect(runtime.store.evaluations.countExamples({ evaluationId: before.id })).toBe(examples)
  })
})

describe('leaderboards and winners', () => {
  it('only eligible teams can win; ineligible and baseline rows are shown with their reasons', () => {
    const view = leaderboardFor(loadBoardData(runtime.store, challenge), challenge, 'simmc-st1', 'fashion', {
      anonymized: true,
      method: 'winner-rule',
      seSource: 'best'
    })
    expect(view.rows).toHaveLength(9)
    const names = new Map(runtime.store.teams.list(challenge.id).map((t) => [t.anonId, t.name]))
    const winners = view.outcome.winners.map((w) => names.get(w))
    for (const w of winners) expect(['Aurora Labs', 'Blue Heron NLP', 'Cobalt Dialog', 'Harbor Bots']).toContain(w)
    const delta = view.rows.find((r) => names.get(r.label) === 'Delta Speech')!
    expect(delta.eligible).toBe(false)
    expect(delta.reasons).toEqual(['flagged: entry tag dated after the deadline'])
    const baseline = view.rows.find((r) => r.baseline)!
    expect(baseline).toMatchObject({ label: 'SIMMC baseline', rank: null, winner: false })
    expect(view.outcome.trace[0]!.metric).toBe('action_accuracy')
    // Published ranks: only eligible entries are ranked, in whole numbers from 1 (ties share the lower rank).
    expect(delta.rank).toBeNull()
    const ranks = view.rows.filter((r) => r.rank !== null).map((r) => r.rank!)
    expect(view.rows.filter((r) => r.rank !== null).every((r) => r.eligible && !r.baseline)).toBe(true)
    expect(ranks[0]).toBe(1)
    for (const r of ranks) expect(Number.isInteger(r)).toBe(true)
  })

  it('a partial entry ranks and may win only in the categories it entered', async () => {
    const board = (domain: string) =>
      leaderboardFor(loadBoardData(runtime.store, challenge), challenge, 'simmc-st2-retrieval', domain, {
        anonymized: true,
        method: 'winner-rule',
        seSource: 'best'
      })
    const ember = byName('Ember AI')
    const fashion = board('fashion').rows.find((r) => r.teamId === ember.id)!
    expect(fashion).toMatchObject({ eligible: true, reasons: [] })
    expect(fashion.attempted).toContain('Subtask 2 — Response Generation (retrieval): fashion;')
    expect(board('furniture').rows.some((r) => r.teamId === ember.id)).toBe(false)
    const report = await exportReport({ store: runtime.store, dataDir, printPdf: chromiumPrintPdf }, challenge, 'md', true)
    expect(report.content).toContain('partial entry, attempted: Subtask 1')
  })
})

describe('anonymized exports', () => {
  const secrets = (): string[] =>
    runtime.store.teams
      .list(challenge.id)
      .filter((t) => !t.isBaseline)
      .flatMap((t) => [t.name, t.contact, t.repo, t.repo.split('/').pop()!])

  it.each(['md', 'csv', 'html', 'pdf'] as const)('the %s report names no team, contact or repository', async (format) => {
    // PDF text is compressed and font-encoded: scan the HTML that Chromium printed instead.
    let printed = ''
    const printPdf = (html: string): Promise<Buffer> => {
      printed = html
      return chromiumPrintPdf(html)
    }
    const file = await exportReport({ store: runtime.store, dataDir, printPdf }, challenge, format, true)
    const text = format === 'pdf' ? printed : file.content
    if (format === 'pdf') expect(Buffer.from(file.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    expect(text).toContain('Team 1')
    for (const secret of secrets()) expect(text.toLowerCase()).not.toContain(secret.toLowerCase())
    // The teams' repositories become public: a prediction file's hash would name its team.
    for (const hash of teamPredictionHashes()) expect(text).not.toContain(hash)
  })

  const teamPredictionHashes = (): string[] => {
    const baselines = new Set(
      runtime.store.teams
        .list(challenge.id)
        .filter((t) => t.isBaseline)
        .map((t) => t.id)
    )
    const hashes = runtime.store.evaluations.forChallenge(challenge.id).filter((e) => !baselines.has(e.teamId))
    expect(hashes.length).toBeGreaterThan(0)
    return hashes.map((e) => e.inputSha256)
  }

  it('the organizer copy with names does name the teams and keeps every prediction hash', async () => {
    const file = await exportReport({ store: runtime.store, dataDir, printPdf: chromiumPrintPdf }, challenge, 'md', false)
    expect(file.content).toContain('Aurora Labs')
    for (const hash of teamPredictionHashes()) expect(file.content).toContain(hash)
    expect(file.fileName).toContain('with-names')
  })

  it('embeds the config hash, the input hashes and the Podium version, and is reproducible', async () => {
    const a = await exportReport({ store: runtime.store, dataDir, printPdf: chromiumPrintPdf }, challenge, 'md', true)
    const b = await exportReport({ store: runtime.store, dataDir, printPdf: chromiumPrintPdf }, challenge, 'md', true)
    expect(a.content).toBe(b.content)
    expect(a.content).toMatch(/challenge configuration sha256 `[0-9a-f]{64}`/)
    expect(a.content).toMatch(/gold fashion_teststd_dials_api_calls\.json` sha256 `[0-9a-f]{64}`/)
    expect(a.content).toMatch(/Podium \d+\.\d+\.\d+/)
  })

  it('a notice without an organizer address is a dated draft (X-Unsent), never a message without Date', () => {
    const [first] = teamNotices(runtime, challenge)
    const headers = first!.content.split('\r\n\r\n')[0]!.split('\r\n')
    expect(headers[0]).toBe('X-Unsent: 1')
    expect(headers.some((h) => h.startsWith('From:'))).toBe(false)
    expect(headers.find((h) => h.startsWith('Date: '))).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
  })

  it("each team's notice tells its own anonymous id and nobody else's", () => {
    const notices = teamNotices(runtime, challenge, { from: 'organizers@example.org', now: new Date(Date.UTC(2020, 9, 2, 8, 5, 9)) })
    const all = runtime.store.teams.list(challenge.id).filter((t) => !t.isBaseline)
    expect(notices).toHaveLength(all.length)
    for (const notice of notices) {
      const own = all.find((t) => t.id === notice.teamId)!
      expect(notice.content).toContain(`"${own.anonId}"`)
      expect(notice.content).toContain(`To: ${own.contact}`)
      expect(notice.content.split('\r\n').slice(0, 3)).toEqual([
        'From: organizers@example.org',
        `To: ${own.contact}`,
        'Date: Fri, 02 Oct 2020 08:05:09 +0000'
      ])
      for (const other of all.filter((t) => t.id !== own.id)) {
        expect(notice.content).not.toContain(`"${other.anonId}"`)
        expect(notice.content).not.toContain(other.name)
      }
    }
  })
})
