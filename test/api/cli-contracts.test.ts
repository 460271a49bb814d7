// The stable command-line contracts other tools depend on: output shapes and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRepo, runGit } from '../../src/main/intake/repo-builder'
import { DEADLINE, mergedEntry, TAG } from '../helpers/fixture-repos'
import { runNode, type NodeRun } from '../helpers/run-node'
import { CLI, ROOT } from '../helpers/serve'

const PARITY = join(ROOT, '..', 'shared', 'parity', 'cases', 'fashion')

const podium = (...args: string[]): Promise<NodeRun> => runNode(CLI, args)

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Exit 2, exactly one line on stderr that contains `expected`, no stack trace. */
function expectUsageError(result: { code: number; stdout: string; stderr: string }, expected: string | RegExp): void {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(expected)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

describe('podium score: bad input', () => {
  const score = (pred: string, ...extra: string[]) =>
    podium('score', '--task', 'simmc-st1', '--gold', join(PARITY, 'gold_api_calls.json'), '--pred', pred, '--json', ...extra)

  it('a missing prediction file', async () => {
    expectUsageError(await score(join(dir, 'nope.json')), /nope\.json: cannot read the prediction file: file not found/)
  })

  it('malformed JSON names the file and the position', async () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, '[{"dialog_id": 1003, "predictions": [}')
    expectUsageError(await score(file), /broken\.json.*line 1, column/)
  })

  it('a missing field names its JSON path', async () => {
    // (A file without action_log_prob is scored, as far as the official script gets: see score-warnings-cli.)
    const file = join(dir, 'no-action.json')
    writeFileSync(file, JSON.stringify([{ dialog_id: 1003, predictions: [{ turn_id: 0, action_log_prob: { None: -1 }, attributes: {} }] }]))
    expectUsageError(await score(file), /no-action\.json at \[0\]\.predictions\[0\]\.action: missing/)
  })

  it('an unknown task and a missing option', async () => {
    expectUsageError(await podium('score', '--task', 'simmc-st9', '--gold', 'a', '--pred', 'b'), /unknown --task "simmc-st9"/)
    expectUsageError(await podium('score', '--task', 'simmc-st1', '--pred', 'b'), /--gold is required/)
    expectUsageError(await podium('score', '--bogus'), /Unknown option '--bogus'/)
  })

  it('an unknown command', async () => {
    expectUsageError(await podium('frobnicate'), /unknown command "frobnicate"/)
  })
})

describe('podium serve', () => {
  it('says which port is taken instead of crashing', async () => {
    const { createServer } = await import('node:net')
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      expectUsageError(
        await podium('serve', '--port', String(port), '--data', join(dir, 'serve-data'), '--no-demo'),
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`)
      )
    } finally {
      blocker.close()
    }
  })
})

describe('podium winners', () => {
  it('prints winners, joint and the trace for a valid input', async () => {
    const input = join(dir, 'entries.json')
    writeFileSync(
      input,
      JSON.stringify({
        priority: [
          { metric: 'mrr', direction: 'higher' },
          { metric: 'mean', direction: 'lower' }
        ],
        entries: [
          { team: 'A', metrics: { mrr: { value: 0.8, stderr: 0.05 }, mean: { value: 3, stderr: 0.1 } } },
          { team: 'B', metrics: { mrr: { value: 0.78, stderr: 0.05 }, mean: { value: 2.5, stderr: 0.1 } } },
          { team: 'C', metrics: { mrr: { value: 0.6, stderr: 0.05 }, mean: { value: 1, stderr: 0.1 } } },
          { team: 'Base', baseline: true, metrics: { mrr: { value: 0.99, stderr: 0.01 }, mean: { value: 1, stderr: 0 } } }
        ]
      })
    )
    const { code, stdout } = await podium('winners', '--input', input, '--json')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(Object.keys(out)).toEqual(['winners', 'joint', 'trace'])
    expect(out.winners).toEqual(['B'])
    expect(out.joint).toBe(false)
    expect(out.trace.map((s: { metric: string }) => s.metric)).toEqual(['mrr', 'mean'])
    expect(out.trace[0].dropped.map((d: { team: string }) => d.team)).toEqual(['C'])
  })

  it('rejects a bad field with its path', async () => {
    const input = join(dir, 'bad-entries.json')
    writeFileSync(input, JSON.stringify({ priority: [{ metric: 'mrr', direction: 'up' }], entries: [] }))
    expectUsageError(await podium('winners', '--input', input, '--json'), /bad-entries\.json: priority\[0\]\.direction/)
  })
})

describe('podium check-repo', () => {
  let data: string
  beforeAll(async () => {
    data = join(dir, 'data')
    const created = await podium('demo', '--data', data)
    expect(created.code).toBe(0)
  })

  // An option is given once (a repeated one is refused): `--tag` in `extra` replaces the entry tag.
  const check = (team: string, ...extra: string[]) =>
    podium(
      'check-repo',
      '--repo',
      join(data, 'demo', 'repos', team),
      ...(extra.includes('--tag') ? [] : ['--tag', 'dstc9-simmc-entry']),
      '--deadline',
      '2020-09-27T23:59:59-12:00',
      '--json',
      ...extra
    )

  it('prints ok, tag, commit, dates and problems for a good repository', async () => {
    const { code, stdout } = await check('aurora-labs', '--predictions-ref', 'HEAD', '--gold-dir', join(data, 'demo', 'gold'))
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report).toMatchObject({ ok: true, problems: [], tag: { name: 'dstc9-simmc-entry', type: 'annotated' } })
    expect(report.commit.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(report.dates.deadline).toBe('2020-09-27T23:59:59-12:00')
    expect(report.dates.modelFiles.map((f: { path: string }) => f.path)).toEqual(['models/model.bin'])
  })

  it('exits 0 with the problem when the entry is late', async () => {
    const { code, stdout } = await check('delta-speech')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p: { code: string }) => p.code)).toEqual(['TAG_AFTER_DEADLINE'])
  })

  it('reports a missing tag and an unreachable repository as problems', async () => {
    const missing = JSON.parse((await check('aurora-labs', '--tag', 'no-such-tag')).stdout)
    expect(missing.problems.map((p: { code: string }) => p.code)).toEqual(['TAG_MISSING'])
    const unreachable = await podium(
      'check-repo',
      '--repo',
      'http://127.0.0.1:9/team.git',
      '--tag',
      't',
      '--deadline',
      '2020-09-27T23:59:59-12:00',
      '--json'
    )
    expect(unreachable.code).toBe(0)
    expect(JSON.parse(unreachable.stdout).problems[0].code).toBe('UNREACHABLE')
  })

  it('dates a merged file by the branch commit that wrote it, with the merge beside it, as git log does', async () => {
    const repo = join(dir, 'merged.git')
    const built = await buildRepo(repo, {
      commits: mergedEntry({ featureDate: '2020-09-20T09:00:00+02:00', mergeDate: '2020-09-29T08:00:00+02:00' })
    })
    const report = JSON.parse((await podium('check-repo', '--repo', repo, '--tag', TAG, '--deadline', DEADLINE, '--json')).stdout)
    expect(report.problems.map((p: { code: string }) => p.code)).toEqual(['COMMIT_OLDER_THAN_PARENT'])
    const feature = report.dates.codeFiles.find((f: { path: string }) => f.path === 'src/feature.py')
    expect(feature).toEqual({
      path: 'src/feature.py',
      lastCommit: await runGit(['log', '-1', '--format=%H', TAG, '--', 'src/feature.py'], repo),
      date: await runGit(['log', '-1', '--format=%cI', TAG, '--', 'src/feature.py'], repo),
      mergeCommit: built.commits.merge,
      mergeDate: '2020-09-29T08:00:00+02:00'
    })
  })

  it('exits 2 on bad arguments', async () => {
    expectUsageError(await podium('check-repo', '--repo', 'x', '--tag', 't', '--deadline', 'next tuesday'), /--deadline/)
    expectUsageError(await podium('check-repo', '--tag', 't', '--deadline', '2020-09-27T23:59:59-12:00'), /--repo is required/)
  })
})
