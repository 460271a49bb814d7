// The entry rules of issue 10 over real repositories served by `git http-backend`: partial entries
// (judged on what they attempted), model files in the tag, and per-category eligibility.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkRepo, type CheckRepoOptions } from '../../src/main/intake/check-repo'
import { buildRepo, type BuiltRepo } from '../../src/main/intake/repo-builder'
import { intakeFlags } from '../../src/main/services/leaderboard'
import { requiredFilePatterns } from '../../src/main/services/prediction-files'
import { simmcChallengeConfig } from '../../src/shared/simmc'
import type { CheckReport, ProblemCode } from '../../src/shared/intake'
import { DEADLINE, entry, NOW, PREDICTIONS, TAG } from '../helpers/fixture-repos'
import { startGitServer, type GitServer } from '../helpers/git-http-server'

const PARTIAL = Object.fromEntries(Object.entries(PREDICTIONS).filter(([p]) => !p.includes('furniture-subtask-3')))

const SCENARIOS: Record<string, ReturnType<typeof entry>> = {
  // Subtask 1 in both domains, subtask 3 in fashion only.
  partial: entry({ predictions: PARTIAL }),
  complete: entry()
}

let root: string
let server: GitServer
const built: Record<string, BuiltRepo> = {}
let n = 0

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podium-entry-'))
  await mkdir(join(root, 'served'))
  for (const [name, commits] of Object.entries(SCENARIOS)) {
    built[name] = await buildRepo(join(root, 'served', `${name}.git`), { commits, bare: true })
  }
  server = await startGitServer(join(root, 'served'))
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

const SIMMC = simmcChallengeConfig('')

function check(name: string, extra: Partial<CheckRepoOptions> = {}): Promise<CheckReport> {
  return checkRepo({
    repo: `${server.url}/${name}.git`,
    tag: TAG,
    deadline: DEADLINE,
    predictionsRef: 'main',
    workDir: join(root, 'work', String(n++)),
    now: NOW,
    modelGlobs: SIMMC.modelGlobs,
    requiredFiles: requiredFilePatterns(SIMMC),
    required: 'any',
    limits: { retryBaseMs: 10 },
    ...extra
  })
}

const codesOf = (r: CheckReport): ProblemCode[] => [...new Set(r.problems.map((p) => p.code))].sort()

describe('partial entries', () => {
  it('a team that attempted subtask 1 (both domains) and subtask 3 (fashion) is ok, with what it attempted', async () => {
    const r = await check('partial')
    expect(codesOf(r)).toEqual([])
    expect(r.ok).toBe(true)
    expect(r.entry?.mode).toBe('any')
    expect(r.entry?.summary).toBe(
      'Subtask 1 — Multimodal Assistant API Prediction: fashion+furniture; Subtask 3 — Multimodal Dialog State Tracking: fashion'
    )
    expect(r.entry?.attempted.map((f) => `${f.categoryId}/${f.domain}`)).toEqual([
      'simmc-st1/fashion',
      'simmc-st1/furniture',
      'simmc-st3/fashion'
    ])
    expect(r.entry?.attempted[2]?.paths).toEqual(['predictions/dstc9-simmc-teststd-fashion-subtask-3.txt'])
    // Subtask 2 (both kinds, both domains) and subtask 3 furniture were not entered.
    expect(r.entry?.missing.map((f) => `${f.categoryId}/${f.domain}`)).toEqual([
      'simmc-st2-generation/fashion',
      'simmc-st2-generation/furniture',
      'simmc-st2-retrieval/fashion',
      'simmc-st2-retrieval/furniture',
      'simmc-st3/furniture'
    ])
  })

  it('with "every category required" each missing file is an error', async () => {
    const r = await check('partial', { required: 'all' })
    expect(codesOf(r)).toEqual(['REQUIRED_FILE_MISSING'])
    expect(r.problems.filter((p) => p.code === 'REQUIRED_FILE_MISSING')).toHaveLength(5)
    expect(r.problems.map((p) => p.message).join(' ')).toContain('dstc9-simmc-teststd-furniture-subtask-3.txt')
    expect(r.entry?.mode).toBe('all')
  })

  it('an entry with no prediction file at all is still an error', async () => {
    // The tag holds code only; the predictions branch does not exist, so the tag is judged.
    const r = await check('partial', { predictionsRef: 'no-such-branch' })
    expect(codesOf(r)).toEqual(['PREDICTIONS_REF_MISSING', 'REQUIRED_FILE_MISSING'])
    expect(r.problems.find((p) => p.code === 'REQUIRED_FILE_MISSING')?.message).toMatch(/^No prediction file at all in tag /)
    expect(r.entry?.summary).toBe('nothing')
    expect(r.ok).toBe(false)
  })

  it('a complete entry lists every category and misses none', async () => {
    // The fixture entry holds subtasks 1 and 3: a challenge of those two categories.
    const two = requiredFilePatterns(SIMMC).filter((p) => p.categoryId === 'simmc-st1' || p.categoryId === 'simmc-st3')
    const r = await check('complete', { requiredFiles: two, required: 'all' })
    expect(r.ok).toBe(true)
    expect(r.entry?.missing).toEqual([])
    expect(r.entry?.attempted).toHaveLength(4)
  })

  it('a broken file bars the team from its own board only', async () => {
    const r = await check('partial')
    r.problems.push({
      code: 'INVALID_PREDICTION_FILE',
      severity: 'error',
      message: 'Prediction file predictions/dstc9-simmc-teststd-fashion-subtask-3.txt is invalid: bad line 3.',
      path: 'predictions/dstc9-simmc-teststd-fashion-subtask-3.txt'
    })
    expect(intakeFlags(r, true, { categoryId: 'simmc-st3', domain: 'fashion' }).flags).toEqual(['an invalid prediction file'])
    expect(intakeFlags(r, true, { categoryId: 'simmc-st1', domain: 'fashion' }).flags).toEqual([])
    expect(intakeFlags(r, true, { categoryId: 'simmc-st3', domain: 'furniture' }).flags).toEqual([])
    // Without a board (the whole entry), the problem counts.
    expect(intakeFlags(r, true).flags).toEqual(['an invalid prediction file'])
  })
})
