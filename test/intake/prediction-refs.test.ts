// Predictions refs per team (issue 16 item 3) over real repositories served by `git http-backend`:
// predictions left in the entry tag while HEAD moved on (not descended from the tag), per-subtask tags
// (lightweight and annotated) searched in order, a commit id, and a ref that does not exist.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkRepo, type CheckRepoOptions } from '../../src/main/intake/check-repo'
import { mergePredictionFiles } from '../../src/main/intake/prediction-sources'
import { buildRepo, runGit, type BuiltRepo, type CommitStep } from '../../src/main/intake/repo-builder'
import { requiredFilePatterns } from '../../src/main/services/prediction-files'
import { simmcChallengeConfig } from '../../src/shared/simmc'
import type { CheckReport, ProblemCode } from '../../src/shared/intake'
import { predictionRefProblem } from '../../src/shared/teams'
import { DEADLINE, entry, NOW, PREDICTIONS, TAG } from '../helpers/fixture-repos'
import { startGitServer, type GitServer } from '../helpers/git-http-server'

const ST1 = Object.fromEntries(Object.entries(PREDICTIONS).filter(([p]) => p.includes('subtask-1')))
const ST3 = Object.fromEntries(Object.entries(PREDICTIONS).filter(([p]) => p.includes('subtask-3')))

/** The predictions are committed before the tag, in the tagged commit itself; HEAD is rewritten years later. */
function lateHead(): CommitStep[] {
  const steps = entry()
  steps.pop()
  const final = steps[2]!
  steps[2] = { ...final, files: { ...final.files, ...PREDICTIONS } }
  return [
    ...steps,
    {
      label: 'rewrite',
      branch: 'rewrite',
      from: 'initial',
      message: 'Rewrite for the journal version',
      date: '2022-05-01T10:00:00Z',
      files: { 'src/train.py': 'print("v3")\n' }
    }
  ]
}

/** Subtask 1 on a lightweight tag, subtask 3 on an annotated tag a week later; HEAD moves on afterwards. */
function perSubtask(): CommitStep[] {
  const steps = entry()
  steps.pop()
  return [
    ...steps,
    {
      label: 'st1',
      message: 'Subtask 1 predictions',
      date: '2020-10-02T09:00:00-07:00',
      files: ST1,
      tags: [{ name: 'st1-preds', annotated: false }]
    },
    {
      label: 'st3',
      message: 'Subtask 3 predictions',
      date: '2020-10-03T09:00:00-07:00',
      // A stale subtask-1 file rides along: the st1 tag comes first, so its copy wins.
      files: { ...ST3, 'predictions/dstc9-simmc-teststd-fashion-subtask-1.json': '[{"dialog_id": 99, "predictions": []}]' },
      tags: [{ name: 'st3-preds', date: '2020-10-03T10:00:00-07:00' }]
    },
    { label: 'later', message: 'Clean up', date: '2021-03-01T09:00:00Z', files: { 'src/train.py': 'print("refactored")\n' } }
  ]
}

let root: string
let server: GitServer
const built: Record<string, BuiltRepo> = {}
let n = 0

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podium-refs-'))
  await mkdir(join(root, 'served'))
  built['late-head'] = await buildRepo(join(root, 'served', 'late-head.git'), { commits: lateHead(), bare: true })
  await runGit(['branch', '-f', 'main', built['late-head'].commits.rewrite!], built['late-head'].dir)
  built['per-subtask'] = await buildRepo(join(root, 'served', 'per-subtask.git'), { commits: perSubtask(), bare: true })
  server = await startGitServer(join(root, 'served'))
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

const SIMMC = simmcChallengeConfig('')
const TWO = requiredFilePatterns(SIMMC).filter((p) => p.categoryId === 'simmc-st1' || p.categoryId === 'simmc-st3')

function check(name: string, extra: Partial<CheckRepoOptions>): Promise<CheckReport> {
  return checkRepo({
    repo: `${server.url}/${name}.git`,
    tag: TAG,
    deadline: DEADLINE,
    workDir: join(root, 'work', String(n++)),
    now: NOW,
    modelGlobs: SIMMC.modelGlobs,
    requiredFiles: TWO,
    required: 'all',
    limits: { retryBaseMs: 10 },
    ...extra
  })
}

const codesOf = (r: CheckReport): ProblemCode[] => [...new Set(r.problems.map((p) => p.code))].sort()

describe('a late HEAD not descended from the entry tag', () => {
  it('the remote HEAD (the old default) is refused as not built on the tag', async () => {
    const r = await check('late-head', { predictionsRefs: ['HEAD'] })
    expect(codesOf(r)).toContain('PREDICTIONS_NOT_DESCENDANT')
    expect(r.predictionSources?.[0]).toMatchObject({ ref: 'HEAD', commit: built['late-head']!.commits.rewrite })
  })

  it('naming the entry tag as the predictions ref judges the predictions the tag holds', async () => {
    const r = await check('late-head', { predictionsRefs: [TAG] })
    expect(codesOf(r)).toEqual([])
    expect(r.ok).toBe(true)
    expect(r.predictionSources).toEqual([{ ref: TAG, commit: built['late-head']!.commits.final, files: Object.keys(PREDICTIONS).sort() }])
    expect(r.entry?.missing).toEqual([])
  })

  it('a full commit id works as a ref too', async () => {
    const sha = built['late-head']!.commits.final!
    const r = await check('late-head', { predictionsRefs: [sha] })
    expect(r.ok).toBe(true)
    expect(r.predictionSources?.[0]?.commit).toBe(sha)
  })
})

describe('per-subtask tags searched in order', () => {
  it('a lightweight and an annotated tag each supply their subtask, and the verdict records ref -> commit -> files', async () => {
    const r = await check('per-subtask', { predictionsRefs: ['st1-preds', 'st3-preds'] })
    expect(codesOf(r)).toEqual([])
    const c = built['per-subtask']!.commits
    expect(r.predictionSources).toEqual([
      { ref: 'st1-preds', commit: c.st1, files: Object.keys(ST1).sort() },
      { ref: 'st3-preds', commit: c.st3, files: Object.keys(ST3).sort() }
    ])
    expect(r.predictions?.ref).toBe('st1-preds')
    expect(r.entry?.attempted.flatMap((f) => f.paths ?? [])).toHaveLength(4)
  })

  it('with the order reversed, the later tag (which also holds subtask 1, with a stale copy) supplies everything', async () => {
    const r = await check('per-subtask', { predictionsRefs: ['st3-preds', 'st1-preds'] })
    expect(r.predictionSources?.[0]?.files).toEqual(Object.keys(PREDICTIONS).sort())
    expect(r.predictionSources?.[1]?.files).toEqual([])
  })

  it('one ref alone is a partial entry; a missing ref is named', async () => {
    const r = await check('per-subtask', { predictionsRefs: ['st1-preds', 'st2-preds'], required: 'any' })
    expect(codesOf(r)).toEqual(['PREDICTIONS_REF_MISSING'])
    expect(r.problems[0]!.message).toContain('st2-preds')
    expect(r.entry?.summary).toMatch(/^Subtask 1/)
    expect(r.entry?.missing.map((f) => f.categoryId)).toEqual(['simmc-st3', 'simmc-st3'])
  })

  it('the same refs read in place from a local path give the same sources', async () => {
    const r = await check('per-subtask', { repo: built['per-subtask']!.dir, predictionsRefs: ['st1-preds', 'st3-preds'] })
    expect(codesOf(r)).toEqual([])
    expect(r.predictionSources?.map((s) => s.commit)).toEqual([built['per-subtask']!.commits.st1, built['per-subtask']!.commits.st3])
  })
})

describe('pure rules', () => {
  it('merging keeps the first tree’s code and each prediction name from the first tree that has it', () => {
    const f = (path: string, oid: string) => ({ path, oid, mode: '100644' })
    const isPred = (p: string) => p.endsWith('.json')
    const { files, taken } = mergePredictionFiles(
      [
        [f('src/a.py', '1'), f('x/p.json', '2'), f('y/p.json', '3')],
        [f('src/a.py', '9'), f('p.json', '4'), f('q.json', '5')]
      ],
      isPred
    )
    expect(files.map((x) => `${x.path}@${x.oid}`)).toEqual(['src/a.py@1', 'x/p.json@2', 'y/p.json@3', 'q.json@5'])
    expect(taken).toEqual([['x/p.json', 'y/p.json'], ['q.json']])
  })

  it('ref names git would refuse are refused with the reason', () => {
    expect(predictionRefProblem('st1-preds')).toBeNull()
    expect(predictionRefProblem('refs/tags/v1.0')).toBeNull()
    expect(predictionRefProblem('a'.repeat(40).replace(/a/g, 'f'))).toBeNull()
    expect(predictionRefProblem('')).toBe('is empty')
    expect(predictionRefProblem('my branch')).toMatch(/space/)
    expect(predictionRefProblem('--upload-pack=x')).toMatch(/not a ref name/)
    expect(predictionRefProblem('a..b')).toMatch(/not a ref name/)
    expect(predictionRefProblem('abc1234')).toMatch(/abbreviated/)
  })
})
