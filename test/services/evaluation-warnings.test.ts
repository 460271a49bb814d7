// Duplicate predictions are scored as the official script scores them (each copy counted) and
// the evaluation says so: the warning is stored with it (migration 005), shown in the
// submission detail and in reports. Runs the real worker pool (built worker) on a real SQLite file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import { writeSimmcFiles } from '../helpers/simmc-files'
import { openStore } from '../../src/main/db/store'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { buildReportModel } from '../../src/main/services/reports'
import { scoreSubmission } from '../../src/main/services/scoring-service'

let dir: string
let runtime: Runtime
let goldDir: string
let predDir: string
const ST1 = 'dstc9-simmc-teststd-fashion-subtask-1.json'

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-warnings-'))
  runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http', workers: 1 })
  goldDir = join(dir, 'gold')
  predDir = join(dir, 'pred')
  writeSimmcFiles(goldDir, predDir, { dialogs: 6, quality: 0.6, seed: 'warnings' })
  // A real test-std shape: two dialogs submitted twice (the copies appended at the end).
  const st1 = JSON.parse(readFileSync(join(predDir, ST1), 'utf8')) as unknown[]
  writeFileSync(join(predDir, ST1), JSON.stringify([...st1, st1[0], st1[1]]))
})
afterAll(async () => {
  await runtime.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('evaluation warnings', () => {
  let challenge: Challenge
  let teamId: number

  it('a duplicate-prediction file is scored (not refused), with the warning stored with the evaluation', async () => {
    challenge = await runtime.handlers['challenges.create']({
      name: 'SIMMC 2020',
      slug: 'simmc-warn',
      deadline: '2020-09-27T23:59:59-12:00',
      entryTag: 'dstc9-simmc-entry',
      goldDir
    })
    const team = await runtime.handlers['teams.add']({ challengeId: challenge.id, name: 'Kestrel', repo: join(dir, 'kestrel') })
    teamId = team.id
    const submissionId = runtime.store.submissions.create(team.id, challenge.entryTag)
    const outcome = await scoreSubmission(
      { store: runtime.store, pool: runtime.pool, events: runtime.events, dataDir: join(dir, 'data') },
      challenge,
      submissionId,
      new Map([[ST1, join(predDir, ST1)]]),
      { label: 'Kestrel', teamId: team.id }
    )
    expect(outcome.failures).toEqual([])
    expect(outcome.scored).toBe(1)
    const [stored] = runtime.store.evaluations.forSubmission(submissionId)
    expect(stored!.n).toBe(8) // 6 last rounds (single-round evaluation) + 2 duplicates
    expect(stored!.coverage).toEqual({ predicted: 6, total: 6 })
    expect(stored!.warnings).toHaveLength(1)
    expect(stored!.warnings[0]!.code).toBe('duplicate-predictions')
    expect(stored!.warnings[0]!.message).toMatch(/^2 duplicate predictions counted twice, as the official script does/)
  })

  it('shown in the submission detail and in the report', async () => {
    const detail = await runtime.handlers['submissions.get']({ teamId })
    expect(detail.evaluations.map((e) => e.warnings?.map((w) => w.code))).toEqual([['duplicate-predictions']])
    const report = buildReportModel(runtime.store, join(dir, 'data'), challenge, true)
    const note = report.settings!.find((s) => s.includes('duplicate'))
    expect(note).toMatch(/^Team \S+, simmc-st1 fashion: 2 duplicate predictions counted twice, as the official script does/)
    const md = await runtime.handlers['reports.export']({ challengeId: challenge.id, format: 'md', anonymized: true })
    expect(md.content).toContain('2 duplicate predictions counted twice, as the official script does')
    expect(md.content).not.toContain('Kestrel')
  })

  it('kept in the database file across a reopen', async () => {
    await runtime.close()
    const store = openStore(join(dir, 'data'))
    const [e] = store.evaluations.forChallenge(challenge.id)
    expect(e!.warnings[0]!.code).toBe('duplicate-predictions')
    store.close()
    runtime = startRuntime({ dataDir: join(dir, 'data'), transport: 'http', workers: 1 })
  })
})
