// Intake against real repositories: built with the git CLI, served by `git http-backend`, fetched with
// isomorphic-git into temp dirs. Each scenario asserts the exact set of problem codes, so both a missing
// and a spurious problem fail the test.

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import git from 'isomorphic-git'
import { checkRepo, repositoryErrorText, type CheckRepoOptions } from '../../src/main/intake/check-repo'
import { runGit } from '../../src/main/intake/repo-builder'
import { DEFAULT_MODEL_GLOBS, globToRegExp, matchesAny } from '../../src/main/intake/glob'
import { classifyLicense, findLicenseFile, isPermissive, restriction } from '../../src/main/intake/license'
import { expandRequirements, isPredictionFile, missingRequirements } from '../../src/main/intake/required-files'
import type { CheckReport, IntakeProgress, ProblemCode } from '../../src/shared/intake'
import {
  buildScenarios,
  CC_BY_NC_SA,
  DEADLINE,
  GPL,
  MIT,
  NOW,
  PREDICTIONS,
  REQUIRED,
  SUBMODULE_COMMIT,
  TAG,
  type Built
} from '../helpers/fixture-repos'
import { closedPortUrl, startGitServer, type GitServer } from '../helpers/git-http-server'

let root: string
let repos: Built
let server: GitServer
let workCount = 0

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podium-intake-'))
  await mkdir(join(root, 'served'))
  repos = await buildScenarios(join(root, 'served'))
  server = await startGitServer(join(root, 'served'), {
    authPrefixes: ['/private/'],
    hangPrefixes: ['/hang/'],
    slowPack: [
      { prefix: '/slow7/', ms: 7000 },
      { prefix: '/slow1500/', ms: 1500 }
    ]
  })
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

const validatePrediction = (path: string, content: string): string | null => {
  if (path.endsWith('.json')) {
    try {
      JSON.parse(content)
      return null
    } catch {
      return 'is not valid JSON'
    }
  }
  return content.trim() ? null : 'is empty'
}

function freshWorkDir(): string {
  return join(root, 'work', String(workCount++))
}

async function check(name: string, extra: Partial<CheckRepoOptions> = {}): Promise<CheckReport> {
  return checkRepo({
    repo: `${server.url}/${name}.git`,
    tag: TAG,
    deadline: DEADLINE,
    predictionsRef: 'main',
    workDir: freshWorkDir(),
    now: NOW,
    requiredFiles: REQUIRED,
    validatePrediction,
    limits: { retryBaseMs: 10 },
    ...extra
  })
}

const codesOf = (r: CheckReport): ProblemCode[] => [...new Set(r.problems.map((p) => p.code))].sort()
const messageOf = (r: CheckReport, code: ProblemCode): string => r.problems.find((p) => p.code === code)?.message ?? ''

describe('happy path', () => {
  it('passes, with dates, provenance, licence and progress', async () => {
    const events: IntakeProgress[] = []
    const r = await check('happy', { onProgress: (e) => events.push(e) })
    expect(r.problems).toEqual([])
    expect(r.ok).toBe(true)
    const built = repos.happy!
    expect(r.tag).toMatchObject({
      name: TAG,
      type: 'annotated',
      object: built.tagEvents[0]!.object,
      taggerDate: '2020-09-27T21:00:00-12:00'
    })
    expect(r.commit?.sha).toBe(built.commits.final)
    expect(r.commit?.authorDate).toBe('2020-09-27T20:00:00-12:00')
    expect(r.dates.modelFiles).toEqual([{ path: 'models/model.bin', lastCommit: built.commits.model, date: '2020-09-20T12:00:00-07:00' }])
    expect(r.dates.codeFiles.find((f) => f.path === 'src/train.py')?.lastCommit).toBe(built.commits.final)
    expect(r.dates.codeFiles.find((f) => f.path === 'src/model.py')?.lastCommit).toBe(built.commits.initial)
    expect(r.dates.codeFiles.some((f) => f.path.startsWith('predictions/'))).toBe(false)
    expect(r.predictions?.commit).toBe(built.commits.predictions)
    expect(r.predictions?.changedFiles.sort()).toEqual(Object.keys(PREDICTIONS).sort())
    expect(r.license).toEqual({ file: 'LICENSE', kind: 'MIT', permissive: true })
    expect(r.modelFiles).toEqual([{ path: 'models/model.bin', kind: 'weights' }])
    expect(events.some((e) => e.phase === 'fetching' && e.total !== undefined)).toBe(true)
    expect(events.some((e) => e.phase === 'checking')).toBe(true)
  })

  it('reads a local bare repository in place, without writing to it or to workDir', async () => {
    const dir = repos.happy!.dir
    const before = await readdir(dir, { recursive: true })
    const workDir = freshWorkDir()
    const r = await check('unused', { repo: dir, workDir })
    expect(codesOf(r)).toEqual([])
    expect(r.commit?.sha).toBe(repos.happy!.commits.final)
    expect(await readdir(dir, { recursive: true })).toEqual(before)
    expect(existsSync(workDir)).toBe(false)
  })

  it('reads a local work-tree repository (file:// URL too)', async () => {
    const r = await check('unused', { repo: repos['happy-worktree']!.dir })
    expect(codesOf(r)).toEqual([])
    const r2 = await check('unused', { repo: `file://${repos['happy-worktree']!.dir}` })
    expect(r2.ok).toBe(true)
  })
})

describe('one problem per scenario', () => {
  const cases: [string, ProblemCode[], string][] = [
    ['missing-tag', ['TAG_MISSING'], TAG],
    ['tag-after-deadline', ['TAG_AFTER_DEADLINE'], '2020-09-28T12:00:00+00:00'],
    ['commit-after-deadline', ['CODE_FILE_AFTER_DEADLINE', 'COMMIT_AFTER_DEADLINE'], '2020-09-28T12:00:00+00:00'],
    ['model-after-deadline', ['COMMIT_OLDER_THAN_PARENT', 'MODEL_FILE_AFTER_DEADLINE'], 'models/model.bin'],
    ['lightweight', ['AUTHOR_COMMITTER_MISMATCH', 'LIGHTWEIGHT_TAG'], TAG],
    ['future-date', ['FUTURE_DATE'], '2099-01-01T00:00:00+00:00'],
    ['code-changed', ['CODE_CHANGED_AFTER_TAG'], 'src/train.py'],
    ['required-missing', ['REQUIRED_FILE_MISSING'], 'dstc9-simmc-teststd-furniture-subtask-1.json'],
    [
      'invalid-prediction',
      ['INVALID_PREDICTION_FILE', 'PREDICTION_COPY_UNCHOSEN'],
      'predictions/dstc9-simmc-teststd-fashion-subtask-1.json'
    ],
    ['no-license', ['LICENSE_MISSING'], 'LICENSE'],
    ['gpl-license', ['LICENSE_NOT_PERMISSIVE'], 'COPYING'],
    ['cc-by-nc-sa-license', ['LICENSE_NOT_PERMISSIVE'], 'LICENSE.md in predictions commit'],
    ['not-descendant', ['CODE_CHANGED_AFTER_TAG', 'PREDICTIONS_NOT_DESCENDANT'], 'does not descend']
  ]
  it.each(cases)('%s → %j', async (name, expected, mentioned) => {
    const r = await check(name, name === 'not-descendant' ? { predictionsRef: 'preds' } : {})
    expect(codesOf(r)).toEqual(expected)
    expect(r.problems.map((p) => p.message).join(' ')).toContain(mentioned)
    const errors = r.problems.filter((p) => p.severity === 'error')
    expect(r.ok).toBe(errors.length === 0)
  })

  it('licence messages name the licence and why it is not permissive', async () => {
    const gpl = await check('gpl-license')
    expect(messageOf(gpl, 'LICENSE_NOT_PERMISSIVE')).toMatch(/is GPL \(copyleft: .*\), not permissive\.$/)
    const cc = await check('cc-by-nc-sa-license')
    expect(cc.license).toEqual({ file: 'LICENSE.md', kind: 'CC-BY-NC-SA-4.0', permissive: false })
    expect(messageOf(cc, 'LICENSE_NOT_PERMISSIVE')).toContain(
      'is CC-BY-NC-SA-4.0 (commercial use forbidden, derived work must use the same licence)'
    )
    expect(messageOf(cc, 'LICENSE_NOT_PERMISSIVE')).not.toContain('recognizes')
  })

  it('warnings alone keep the entry ok (lightweight tag)', async () => {
    const r = await check('lightweight')
    expect(r.ok).toBe(true)
    expect(r.tag.type).toBe('lightweight')
    expect(r.tag.object).toBe(repos.lightweight!.commits.final)
  })

  it('TAG_MOVED when the tag no longer matches the witness', async () => {
    const [first, moved] = repos['tag-moved']!.tagEvents
    const witness = { tagObject: first!.object, commit: first!.commit, seenAt: '2020-09-28T09:00:00Z' }
    const r = await check('tag-moved', { witness })
    expect(codesOf(r)).toEqual(['CODE_FILE_AFTER_DEADLINE', 'COMMIT_AFTER_DEADLINE', 'TAG_MOVED'])
    expect(r.tag.object).toBe(moved!.object)
    expect(messageOf(r, 'TAG_MOVED')).toContain(first!.commit.slice(0, 12))
    // The same repository checked against a witness of its current state is not "moved".
    const same = await check('tag-moved', { witness: { tagObject: moved!.object, commit: moved!.commit, seenAt: 'now' } })
    expect(codesOf(same)).not.toContain('TAG_MOVED')
  })

  it('never follows symlinks: PATH_ESCAPE, and a symlinked prediction file is invalid', async () => {
    const seen: string[] = []
    const r = await check('symlink', { validatePrediction: (p, c) => (seen.push(c), validatePrediction(p, c)) })
    expect(codesOf(r)).toEqual(['INVALID_PREDICTION_FILE', 'PATH_ESCAPE'])
    expect(messageOf(r, 'PATH_ESCAPE')).toContain('/etc/passwd')
    expect(messageOf(r, 'PATH_ESCAPE')).toContain('data/raw')
    expect(messageOf(r, 'INVALID_PREDICTION_FILE')).toContain('furniture-subtask-3.json is a symbolic link')
    expect(seen.some((c) => c.includes('root:'))).toBe(false)
    expect(seen).toHaveLength(3)
  })

  it('every check runs whatever fails first: a local repository missing a prediction file still gets its late tag', async () => {
    const dir = repos['late-and-missing']!.dir
    for (const predictionsRef of ['main', 'HEAD']) {
      const r = await check('unused', { repo: dir, predictionsRef })
      expect(codesOf(r), predictionsRef).toEqual(['REQUIRED_FILE_MISSING', 'TAG_AFTER_DEADLINE'])
      expect(messageOf(r, 'TAG_AFTER_DEADLINE')).toContain('2020-09-28T12:00:42+00:00')
      expect(messageOf(r, 'REQUIRED_FILE_MISSING')).toContain('fashion-subtask-1.json')
    }
    // Partial entries allowed: the missing file is information, the late tag still an error.
    const partial = await check('unused', { repo: dir, required: 'any' })
    expect(codesOf(partial)).toEqual(['TAG_AFTER_DEADLINE'])
    // No predictions found at all, and the licence missing too: still every problem, dates included.
    const none = await check('unused', { repo: dir, predictionsRef: 'no-such-ref' })
    expect(codesOf(none)).toEqual(['PREDICTIONS_REF_MISSING', 'REQUIRED_FILE_MISSING', 'TAG_AFTER_DEADLINE'])
    // A prediction file that cannot be read stops neither the licence nor the dates.
    const damaged = await check('unused', { repo: repos['late-and-corrupt']!.dir })
    expect(codesOf(damaged)).toEqual(['REPO_CORRUPT', 'TAG_AFTER_DEADLINE'])
    expect(messageOf(damaged, 'REPO_CORRUPT')).toContain('while checking the prediction files')
    expect(damaged.license?.kind).toBe('MIT')
    expect(damaged.dates.codeFiles.length).toBeGreaterThan(0)
  })

  it('SUBMODULE: a gitlink in the tagged tree is a warning naming its path, neither fetched nor dated', async () => {
    const r = await check('submodule')
    expect(codesOf(r)).toEqual(['SUBMODULE'])
    expect(r.ok).toBe(true)
    expect(messageOf(r, 'SUBMODULE')).toContain('third_party/simmc')
    expect(messageOf(r, 'SUBMODULE')).toContain(SUBMODULE_COMMIT.slice(0, 12))
    const dated = [...r.dates.codeFiles, ...r.dates.modelFiles].map((f) => f.path)
    expect(dated).toContain('.gitmodules')
    expect(dated.some((p) => p.startsWith('third_party/'))).toBe(false)
    // Read in place too: the same warning from a local path.
    expect(codesOf(await check('unused', { repo: repos.submodule!.dir }))).toEqual(['SUBMODULE'])
  })

  it('REPO_CORRUPT when an object is missing, instead of throwing', async () => {
    const r = await check('unused', { repo: repos.corrupt!.dir })
    expect(codesOf(r)).toEqual(['REPO_CORRUPT'])
  })

  it('PREDICTIONS_REF_MISSING for an unknown predictions ref; REQUIRED files then judged on the tag', async () => {
    const r = await check('happy', { predictionsRef: 'no-such-branch' })
    expect(codesOf(r)).toEqual(['PREDICTIONS_REF_MISSING', 'REQUIRED_FILE_MISSING'])
    expect(messageOf(r, 'REQUIRED_FILE_MISSING')).toContain(`tag ${TAG}`)
  })

  it('accepts the predictions commit given by id', async () => {
    const r = await check('happy', { predictionsRef: repos.happy!.commits.predictions! })
    expect(codesOf(r)).toEqual([])
    expect(r.predictions?.commit).toBe(repos.happy!.commits.predictions)
  })
})

describe('model files in the entry tag', () => {
  it('MODEL_FILES_MISSING for a tag holding code only', async () => {
    const r = await check('code-only')
    expect(codesOf(r)).toEqual(['MODEL_FILES_MISSING'])
    expect(r.ok).toBe(false)
    expect(r.modelFiles).toEqual([])
    expect(messageOf(r, 'MODEL_FILES_MISSING')).toContain(`Tag ${TAG} holds no model parameter file`)
    expect(messageOf(r, 'MODEL_FILES_MISSING')).toContain('**/*.bin')
    // Every other check still ran.
    expect(r.license?.kind).toBe('MIT')
    expect(r.dates.codeFiles.length).toBeGreaterThan(0)
  })

  it('a Git LFS pointer to a model file counts, with the size it declares, and is dated', async () => {
    const r = await check('lfs-model')
    expect(codesOf(r)).toEqual([])
    expect(r.modelFiles).toEqual([{ path: 'models/model.bin', kind: 'lfs', size: 438012345 }])
    expect(r.dates.modelFiles.map((f) => f.path)).toEqual(['models/model.bin'])
  })

  it('a download script a README documents: warning MODEL_WEIGHTS_NOT_IN_TAG, ok', async () => {
    const r = await check('download-script')
    expect(codesOf(r)).toEqual(['MODEL_WEIGHTS_NOT_IN_TAG'])
    expect(r.ok).toBe(true)
    expect(r.modelFiles).toEqual([{ path: 'scripts/download_model.sh', kind: 'script' }])
    expect(messageOf(r, 'MODEL_WEIGHTS_NOT_IN_TAG')).toContain('scripts/download_model.sh (documented in README.md)')
  })

  it('an undocumented download script is not enough, and the message says why', async () => {
    const r = await check('undocumented-script')
    expect(codesOf(r)).toEqual(['MODEL_FILES_MISSING'])
    expect(messageOf(r, 'MODEL_FILES_MISSING')).toContain('download.sh looks like a download script, but no README mentions it')
  })

  it('a challenge asking for no model files (empty globs) gets no model problem', async () => {
    const r = await check('code-only', { modelGlobs: [] })
    expect(codesOf(r)).toEqual([])
  })

  it('default globs: checkpoints, pickles and TensorFlow checkpoint files are model files; code is not', () => {
    for (const p of ['out/checkpoints/step-100/config.json', 'm/model.pkl', 'tf/model.ckpt-1000.index', 'tf/ckpt-1.data-00000-of-00001'])
      expect(matchesAny(p, DEFAULT_MODEL_GLOBS), p).toBe(true)
    expect(matchesAny('tf/checkpoint', DEFAULT_MODEL_GLOBS)).toBe(true)
    for (const p of ['src/checkpoint.py', 'src/model.py', 'models/config.json']) expect(matchesAny(p, DEFAULT_MODEL_GLOBS), p).toBe(false)
  })
})

describe('file dates through merges', () => {
  /** Every dated file must carry the commit and committer date plain `git log -1 <tag> -- <path>` gives. */
  async function expectGitLogDates(r: CheckReport, dir: string): Promise<void> {
    const files = [...r.dates.modelFiles, ...r.dates.codeFiles]
    expect(files.length).toBeGreaterThan(4)
    for (const f of files) {
      const [sha, date] = (await runGit(['log', '-1', '--format=%H %cI', TAG, '--', f.path], dir)).split(' ')
      expect({ path: f.path, lastCommit: f.lastCommit, date: f.date }).toEqual({ path: f.path, lastCommit: sha, date })
    }
  }

  it('content made before the deadline and merged after it is not late; both dates are shown', async () => {
    const built = repos['merge-late']!
    const r = await check('merge-late')
    // The tagged commit is dated before its parent (the late merge): a warning, not a late file.
    expect(codesOf(r)).toEqual(['COMMIT_OLDER_THAN_PARENT'])
    expect(r.ok).toBe(true)
    const feature = r.dates.codeFiles.find((f) => f.path === 'src/feature.py')
    expect(feature).toEqual({
      path: 'src/feature.py',
      lastCommit: built.commits.feature,
      date: '2020-09-20T09:00:00+02:00',
      mergeCommit: built.commits.merge,
      mergeDate: '2020-09-29T08:00:00+02:00'
    })
    // Files that never left main carry one date only.
    expect(r.dates.codeFiles.find((f) => f.path === 'src/train.py')).toEqual({
      path: 'src/train.py',
      lastCommit: built.commits.final,
      date: '2020-09-27T20:00:00-12:00'
    })
    expect(r.dates.modelFiles[0]?.mergeCommit).toBeUndefined()
    await expectGitLogDates(r, built.dir)
  })

  it('a late branch commit behind a merge dated before the deadline is late', async () => {
    const built = repos['merge-hides-late']!
    const r = await check('merge-hides-late')
    expect(codesOf(r)).toEqual(['CODE_FILE_AFTER_DEADLINE', 'COMMIT_OLDER_THAN_PARENT'])
    expect(messageOf(r, 'CODE_FILE_AFTER_DEADLINE')).toContain('src/feature.py')
    expect(messageOf(r, 'CODE_FILE_AFTER_DEADLINE')).toContain(built.commits.feature!.slice(0, 12))
    expect(messageOf(r, 'COMMIT_OLDER_THAN_PARENT')).toContain(built.commits.merge!.slice(0, 12))
    expect(r.dates.codeFiles.find((f) => f.path === 'src/model.py')).toMatchObject({
      lastCommit: built.commits.feature,
      mergeCommit: built.commits.merge,
      mergeDate: '2020-09-27T19:00:00-12:00'
    })
    await expectGitLogDates(r, built.dir)
  })

  it('a merge that changed the content itself dates the file', async () => {
    const built = repos['merge-evil']!
    const r = await check('merge-evil')
    expect(codesOf(r)).toEqual([])
    expect(r.dates.codeFiles.find((f) => f.path === 'src/model.py')).toEqual({
      path: 'src/model.py',
      lastCommit: built.commits.merge,
      date: '2020-09-25T10:00:00+02:00'
    })
    expect(r.dates.codeFiles.find((f) => f.path === 'src/feature.py')?.lastCommit).toBe(built.commits.feature)
    await expectGitLogDates(r, built.dir)
  })
})

describe('fetch limits and failures', () => {
  it('HISTORY_TRUNCATED on a shallow fetch; dates become upper bounds but stay on time', async () => {
    const r = await check('happy', { limits: { depth: 1 } })
    expect(codesOf(r)).toEqual(['HISTORY_TRUNCATED'])
    expect(r.ok).toBe(true)
    expect(r.dates.modelFiles[0]).toMatchObject({ lastCommit: repos.happy!.commits.final, truncated: true })
  })

  it('REPO_TOO_LARGE on bytes, and the clone directory is removed', async () => {
    const workDir = freshWorkDir()
    const r = await check('happy', { workDir, limits: { maxBytes: 8 * 1024 } })
    expect(codesOf(r)).toEqual(['REPO_TOO_LARGE'])
    expect(existsSync(workDir)).toBe(false)
  })

  it('REPO_TOO_LARGE on file count, and the clone directory is removed', async () => {
    const workDir = freshWorkDir()
    const r = await check('happy', { workDir, limits: { maxFiles: 3 } })
    expect(codesOf(r)).toEqual(['REPO_TOO_LARGE'])
    expect(existsSync(workDir)).toBe(false)
  })

  it('keeps the fetched bare repository for the caller after a normal check', async () => {
    const workDir = freshWorkDir()
    await check('happy', { workDir })
    expect((await stat(join(workDir, 'objects'))).isDirectory()).toBe(true)
    expect(existsSync(join(workDir, 'src'))).toBe(false) // never checked out
  })

  it('UNREACHABLE for a closed port', async () => {
    const r = await check('x', { repo: await closedPortUrl('/happy.git') })
    expect(codesOf(r)).toEqual(['UNREACHABLE'])
    expect(messageOf(r, 'UNREACHABLE')).toContain('ECONNREFUSED')
    expect(r.ok).toBe(false)
  })

  it('UNREACHABLE after the timeout when the server hangs', async () => {
    const started = Date.now()
    const r = await check('x', { repo: `${server.url}/hang/happy.git`, limits: { timeoutMs: 300, retries: 0 } })
    expect(codesOf(r)).toEqual(['UNREACHABLE'])
    expect(messageOf(r, 'UNREACHABLE')).toContain('did not finish')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it("a server silent for 7 s while packing (longer than Node's 5 s keep-alive idle timeout) still delivers", async () => {
    const r = await check('x', { repo: `${server.url}/slow7/happy.git`, limits: { retries: 0 } })
    expect(codesOf(r)).toEqual([])
    expect(r.commit?.sha).toBe(repos.happy!.commits.final)
  }, 30_000)

  it('silence shorter than the idle timeout succeeds; longer is UNREACHABLE after the retries (timeouts scaled down)', async () => {
    // Scaled: 30 s of silence against the 60 s default becomes 1.5 s against 3 s.
    const ok = await check('x', { repo: `${server.url}/slow1500/happy.git`, limits: { idleTimeoutMs: 3000, retries: 0 } })
    expect(codesOf(ok)).toEqual([])
    const events: IntakeProgress[] = []
    const gaveUp = await check('x', {
      repo: `${server.url}/slow1500/happy.git`,
      limits: { idleTimeoutMs: 400, retries: 2, retryBaseMs: 10 },
      onProgress: (e) => events.push(e)
    })
    expect(codesOf(gaveUp)).toEqual(['UNREACHABLE'])
    expect(messageOf(gaveUp, 'UNREACHABLE')).toContain('sent nothing for 0.4 s')
    expect(events.filter((e) => e.message.includes('Retrying'))).toHaveLength(2)
  }, 30_000)

  it('REPO_NOT_FOUND for 404, AUTH_REQUIRED for 401', async () => {
    expect(codesOf(await check('no-such-repo'))).toEqual(['REPO_NOT_FOUND'])
    expect(codesOf(await check('private/happy'))).toEqual(['AUTH_REQUIRED'])
  })

  it('retries a transient 503 and then succeeds', async () => {
    const flaky = await startGitServer(join(root, 'served'), { flaky: { prefix: '/happy.git', count: 2 } })
    try {
      const events: IntakeProgress[] = []
      const r = await check('x', { repo: `${flaky.url}/happy.git`, onProgress: (e) => events.push(e) })
      expect(codesOf(r)).toEqual([])
      expect(events.filter((e) => e.message.includes('Retrying'))).toHaveLength(2)
      const zero = await startGitServer(join(root, 'served'), { flaky: { prefix: '/happy.git', count: 5 } })
      try {
        const gaveUp = await check('x', { repo: `${zero.url}/happy.git`, limits: { retries: 1, retryBaseMs: 1 } })
        expect(codesOf(gaveUp)).toEqual(['UNREACHABLE'])
        expect(messageOf(gaveUp, 'UNREACHABLE')).toContain('503')
      } finally {
        await zero.close()
      }
    } finally {
      await flaky.close()
    }
  })

  it('REPO_NOT_FOUND for a local path that is not a repository', async () => {
    const plain = join(root, 'plain')
    await mkdir(plain, { recursive: true })
    expect(codesOf(await check('x', { repo: plain }))).toEqual(['REPO_NOT_FOUND'])
    expect(codesOf(await check('x', { repo: join(root, 'absent') }))).toEqual(['REPO_NOT_FOUND'])
    expect(codesOf(await check('x', { repo: 'git@github.com:team/entry.git' }))).toEqual(['UNREACHABLE'])
  })

  it('throws only for programmer errors', async () => {
    await expect(check('happy', { deadline: '2020-09-27 23:59' })).rejects.toThrow(/zone/)
    const used = freshWorkDir()
    await mkdir(used, { recursive: true })
    await writeFile(join(used, 'keep.txt'), 'mine')
    await expect(check('happy', { workDir: used })).rejects.toThrow(/empty/)
    expect(existsSync(join(used, 'keep.txt'))).toBe(true)
  })
})

// Small pure pieces, kept here because they exist only for intake.
describe('intake helpers', () => {
  it('glob: ** spans directories, * stays in one segment, bare names match at any depth', () => {
    expect(matchesAny('a/b/model.bin', DEFAULT_MODEL_GLOBS)).toBe(true)
    expect(matchesAny('model.bin', ['**/*.bin'])).toBe(true)
    expect(matchesAny('ckpt/x.pt', ['*.pt'])).toBe(true)
    expect(matchesAny('models/a/b.txt', ['models/**'])).toBe(true)
    expect(matchesAny('other/models/b.txt', ['models/**'])).toBe(false)
    expect(matchesAny('a/b.bin.txt', DEFAULT_MODEL_GLOBS)).toBe(false)
    expect(matchesAny('src/x.py', ['src/*.py'])).toBe(true)
    expect(matchesAny('src/a/x.py', ['src/*.py'])).toBe(false)
    expect(globToRegExp('a.b?').test('a.bc')).toBe(true)
    expect(globToRegExp('a.b?').test('axbc')).toBe(false)
  })

  it('required files: {domain} expands, alternatives, basename match', () => {
    const req = expandRequirements(REQUIRED)
    expect(req.map((r) => r.label)).toEqual([
      'dstc9-simmc-teststd-fashion-subtask-1.json',
      'dstc9-simmc-teststd-furniture-subtask-1.json',
      'dstc9-simmc-teststd-fashion-subtask-3.txt or dstc9-simmc-teststd-fashion-subtask-3.json',
      'dstc9-simmc-teststd-furniture-subtask-3.txt or dstc9-simmc-teststd-furniture-subtask-3.json'
    ])
    const present = [
      'x/dstc9-simmc-teststd-fashion-subtask-1.json',
      'dstc9-simmc-teststd-fashion-subtask-3.json',
      'dstc9-simmc-teststd-furniture-subtask-3.txt'
    ]
    expect(missingRequirements(present, req).map((r) => r.label)).toEqual(['dstc9-simmc-teststd-furniture-subtask-1.json'])
    expect(isPredictionFile('deep/dstc9-simmc-teststd-furniture-subtask-2-retrieval.json')).toBe(true)
    expect(isPredictionFile('dstc9-simmc-teststd-kitchen-subtask-1.json')).toBe(false)
    expect(isPredictionFile('dstc9-simmc-teststd-fashion-subtask-3.csv')).toBe(false)
  })

  it('licence: finds the root file and classifies common texts', () => {
    expect(findLicenseFile(['README.md', 'license.md'])).toBe('license.md')
    expect(findLicenseFile(['README.md'])).toBeNull()
    expect(classifyLicense(MIT)).toBe('MIT')
    expect(classifyLicense(GPL)).toBe('GPL')
    expect(classifyLicense('Apache License\nVersion 2.0, January 2004')).toBe('Apache-2.0')
    expect(
      classifyLicense(
        'Redistribution and use in source and binary forms, with or without modification, are permitted. Neither the name of the copyright holder nor'
      )
    ).toBe('BSD-3-Clause')
    expect(classifyLicense('Redistribution and use in source and binary forms, with or without modification, are permitted.')).toBe(
      'BSD-2-Clause'
    )
    expect(classifyLicense('Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee')).toBe(
      'ISC'
    )
    expect(classifyLicense('GNU LESSER GENERAL PUBLIC LICENSE')).toBe('LGPL')
    expect(classifyLicense('SPDX-License-Identifier: MIT')).toBe('MIT')
    expect(classifyLicense('Copyright 2020 ACME. All rights reserved.')).toBe('proprietary')
    expect(classifyLicense('do what you like')).toBe('unknown')
  })

  it('licence: Creative Commons and non-commercial licences by name', () => {
    expect(classifyLicense(CC_BY_NC_SA)).toBe('CC-BY-NC-SA-4.0')
    expect(classifyLicense('Licensed under CC BY-NC 4.0.')).toBe('CC-BY-NC-4.0')
    expect(classifyLicense('SPDX-License-Identifier: CC-BY-NC-ND-4.0')).toBe('CC-BY-NC-ND-4.0')
    expect(
      classifyLicense(
        '[![License: CC BY-SA 4.0](https://img.shields.io/badge/License-CC%20BY--SA%204.0-lightgrey.svg)](https://creativecommons.org/licenses/by-sa/4.0/)'
      )
    ).toBe('CC-BY-SA-4.0')
    expect(classifyLicense('Creative Commons Attribution-NonCommercial 3.0 Unported')).toBe('CC-BY-NC-3.0')
    expect(classifyLicense('Creative Commons Attribution-NoDerivatives 4.0 International')).toBe('CC-BY-ND-4.0')
    expect(classifyLicense('https://creativecommons.org/licenses/by/4.0/')).toBe('CC-BY-4.0')
    expect(classifyLicense('CC0 1.0 Universal')).toBe('CC0-1.0')
    expect(classifyLicense('The software may be used for research purposes only.')).toBe('non-commercial')
    expect(isPermissive('CC-BY-4.0')).toBe(true)
    for (const kind of ['CC-BY-NC-SA-4.0', 'CC-BY-SA-4.0', 'CC-BY-ND-4.0', 'GPL', 'non-commercial', 'unknown'] as const)
      expect(isPermissive(kind), kind).toBe(false)
    expect(restriction('CC-BY-NC-ND-4.0')).toBe('commercial use forbidden, no derivatives allowed')
  })

  it("REPO_CORRUPT text drops a library's plea to report a bug", () => {
    const wrapped = new git.Errors.InternalError('Unrecognized pack object type 5')
    expect(wrapped.message).toMatch(/report/i)
    expect(repositoryErrorText(wrapped)).toBe('Unrecognized pack object type 5')
    expect(repositoryErrorText(new Error('Could not find abc123.'))).toBe('Could not find abc123')
  })
})
