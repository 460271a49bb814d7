import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ScoringJobError, ScoringPool } from '../../src/main/scoring/pool'
import type { ScoreFilesJob } from '../../src/main/scoring/score-files'
import { ROOT } from '../helpers/serve'

const scripted = join(__dirname, '..', 'fixtures', 'scripted-worker.cjs')
const job = (task: string, predPath = '0'): ScoreFilesJob => ({ task: task as never, goldPath: '', predPath, singleRound: false })
const PARITY = join(ROOT, '..', 'shared', 'parity', 'cases', 'fashion')

let pool: ScoringPool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

describe('scoring worker pool', () => {
  it('scores a real file on the built worker, off the main thread', async () => {
    pool = new ScoringPool({ size: 1 })
    const result = await pool.run({
      task: 'simmc-st2-retrieval',
      goldPath: join(PARITY, 'gold_retrieval_candidates.json'),
      predPath: join(PARITY, 'perfect', 'subtask-2-retrieval.json'),
      singleRound: false
    })
    expect(result.metrics.r1).toBe(1)
    expect(result.examples.length).toBe(result.n)
  })

  it('reports bad input as an input error naming the file, and keeps working', async () => {
    pool = new ScoringPool({ size: 1 })
    const failure = await pool
      .run({ task: 'simmc-st1', goldPath: join(PARITY, 'gold_api_calls.json'), predPath: '/no/such/file.json', singleRound: false })
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ScoringJobError)
    expect((failure as ScoringJobError).kind).toBe('input')
    expect((failure as ScoringJobError).message).toContain('/no/such/file.json')
    const ok = await pool.run({
      task: 'simmc-st1',
      goldPath: join(PARITY, 'gold_api_calls.json'),
      predPath: join(PARITY, 'perfect', 'subtask-1.json'),
      singleRound: true
    })
    expect(ok.metrics.action_accuracy).toBe(1)
  })

  it('a crash fails only its own job; the other jobs finish', async () => {
    pool = new ScoringPool({ size: 2, workerPath: scripted })
    const results = await pool.runAll([job('a', '30'), job('crash'), job('throw'), job('b', '10'), job('c')])
    expect(results.map((r) => (r.result ? 'ok' : r.error!.kind))).toEqual(['ok', 'crash', 'crash', 'ok', 'ok'])
    expect(results[1]!.error!.message).toContain('exited with code 3')
    expect(results[2]!.error!.message).toContain('boom in worker')
  })

  it('reports progress after every job', async () => {
    pool = new ScoringPool({ size: 2, workerPath: scripted })
    const seen: Array<[number, number]> = []
    await pool.runAll([job('a', '5'), job('b', '1'), job('c', '3')], (done, total) => seen.push([done, total]))
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3]
    ])
  })

  it('cancels a running job by terminating its worker, and a queued one before it starts', async () => {
    pool = new ScoringPool({ size: 1, workerPath: scripted })
    const controller = new AbortController()
    const hanging = pool.run(job('hang'), { signal: controller.signal })
    const queued = pool.run(job('queued'), { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(hanging).rejects.toMatchObject({ kind: 'cancelled' })
    await expect(queued).rejects.toMatchObject({ kind: 'cancelled' })
    // The pool replaced the terminated worker and still runs jobs.
    await expect(pool.run(job('after'))).resolves.toMatchObject({ task: 'after' })
  })
})

describe('scoring time limit', () => {
  it('stops a job over the limit with a clear problem, replaces the worker, and the queue goes on', async () => {
    pool = new ScoringPool({ size: 1, workerPath: scripted, timeLimitMs: 1000 })
    const results = await pool.runAll([job('hang'), job('next', '5'), job('hang'), job('last')])
    expect(results.map((r) => (r.result ? 'ok' : r.error!.kind))).toEqual(
      ['ok', 'ok', 'ok', 'ok'].map((k, i) => (i % 2 === 0 ? 'timeout' : k))
    )
    expect(results[0]!.error!.message).toBe('scoring stopped after 1 s: hang on 0 took longer than the limit for one file')
  })

  it('stops a pathological DST file (a non-ASCII act name, then 160,000 spaces) on the real worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podium-limit-'))
    try {
      const lines = readFileSync(join(PARITY, 'perfect', 'subtask-3.txt'), 'utf8').split('\n')
      // An act name with a non-ASCII letter sends the line to the official regex, which is quadratic
      // on a run of spaces not followed by '[': 40k spaces take ~2 s, 80k ~7.5 s, so 160k is far
      // over the 2 s limit on any machine.
      lines[0] = lines[0]!.replace('[  ]', `[  ] DA:ÜBER [ x = y ]${' '.repeat(160_000)}x`)
      writeFileSync(join(dir, 'padded.txt'), lines.join('\n'))
      pool = new ScoringPool({ size: 1, timeLimitMs: 2000 })
      const st3 = (predPath: string): ScoreFilesJob => ({
        task: 'simmc-st3',
        goldPath: join(PARITY, 'gold_dst.txt'),
        predPath,
        singleRound: false
      })
      // The normal file first: it warms the worker up, so the limit only measures the padded file's scoring.
      const [normal, padded] = await pool.runAll([st3(join(PARITY, 'perfect', 'subtask-3.txt')), st3(join(dir, 'padded.txt'))])
      expect(padded!.error).toMatchObject({ kind: 'timeout' })
      expect(padded!.error!.message).toMatch(/^scoring stopped after 2 s: simmc-st3 on .*padded\.txt took longer than the limit/)
      expect(normal!.result!.metrics.joint_accuracy).toBe(0.9918256130790191) // as `podium score` gives for this file
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
