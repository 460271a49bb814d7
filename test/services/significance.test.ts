// significance.compare on the scored demo challenge: the worker pool gives the numbers the
// in-thread run gives (1 or 2 workers), progress is reported, a run can be cancelled, and
// `podium compare --json` prints the documented shape.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PodiumEvent } from '../../src/shared/api'
import type { Challenge } from '../../src/shared/challenge'
import type { SignificanceResult } from '../../src/shared/significance'
import { createDemoChallenge } from '../../src/main/demo/seed'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { ScoringPool } from '../../src/main/scoring/pool'
import { compareEntries } from '../../src/main/services/significance-service'
import { CLI } from '../helpers/serve'

const exec = promisify(execFile)
let dataDir: string
let runtime: Runtime
let challenge: Challenge

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-significance-'))
  runtime = startRuntime({ dataDir, transport: 'http', workers: 2 })
  challenge = runtime.store.challenges.get(await createDemoChallenge(runtime))!
  runtime.intake.enqueue(runtime.store.teams.list(challenge.id).map((t) => t.id))
  await runtime.intake.idle()
})
afterAll(async () => {
  await runtime?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const request = (extra: object = {}) => ({
  challengeId: challenge.id,
  categoryId: 'simmc-st3',
  domain: 'fashion',
  resamples: 600,
  seed: 7,
  top: 4,
  ...extra
})

describe('significance.compare on the worker pool', () => {
  it('1 worker, 2 workers and the main thread give bit-identical results', async () => {
    const inline = await compareEntries({ store: runtime.store }, challenge, request())
    const runs: string[] = []
    for (const size of [1, 2]) {
      const pool = new ScoringPool({ size })
      try {
        runs.push(JSON.stringify(await compareEntries({ store: runtime.store, pool }, challenge, request())))
      } finally {
        await pool.close()
      }
    }
    expect(runs[0]).toBe(JSON.stringify(inline))
    expect(runs[1]).toBe(JSON.stringify(inline))
    expect(inline.entries).toHaveLength(4)
    expect(inline.unit).toBe('dialog')
    expect(inline.metrics.map((m) => m.metric).slice(0, 2)).toEqual(['slot_f1', 'act_f1'])
    expect(inline.metrics[0]!.pairs).toHaveLength(6)
  })

  it('reports progress per chunk through the handler, and the leaderboard winners among the compared entries', async () => {
    const events: PodiumEvent[] = []
    const stop = runtime.events.subscribe((e) => events.push(e))
    const result = await runtime.handlers['significance.compare']({ ...request(), jobId: 'test-progress', top: 10 })
    stop()
    const mine = events.filter((e) => e.type === 'progress' && e.jobId === 'test-progress')
    expect(mine.at(-1)).toMatchObject({ done: 6, total: 6 })
    expect(mine[0]).toMatchObject({ done: 0 })
    const board = runtime.handlers['leaderboard.get']({ challengeId: challenge.id, categoryId: 'simmc-st3', domain: 'fashion' })
    expect(result.winners).toEqual((await board).outcome.winners)
    expect(result.robustness.resamples).toBe(600)
  })

  it('a cancelled run stops with CANCELLED', async () => {
    const running = runtime.handlers['significance.compare']({ ...request({ resamples: 10000 }), jobId: 'to-cancel' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runtime.handlers['significance.cancel']({ jobId: 'to-cancel' })).toEqual({ cancelled: true })
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(runtime.handlers['significance.cancel']({ jobId: 'to-cancel' })).toEqual({ cancelled: false })
  })

  it('refuses bad requests with the field and the allowed values', async () => {
    const compare = runtime.handlers['significance.compare']
    await expect(compare(request({ resamples: 20000 }))).rejects.toThrow(/request\.resamples must be an integer from 1 to 10000/)
    await expect(compare(request({ domain: 'combined' }))).rejects.toThrow(/request\.domain must be one of fashion, furniture/)
    await expect(compare(request({ categoryId: 'nope' }))).rejects.toThrow(/has no category "nope"/)
    await expect(compare(request({ seed: -1 }))).rejects.toThrow(/request\.seed/)
  })
})

describe('podium compare --json', () => {
  const run = (...args: string[]) => exec(process.execPath, [CLI, 'compare', '--data', dataDir, ...args])

  it('prints the documented shape, the same bytes for the same seed', async () => {
    const args = [
      '--challenge',
      String(challenge.id),
      '--category',
      'simmc-st2-generation',
      '--domain',
      'furniture',
      '--resamples',
      '300',
      '--json'
    ]
    const first = await run(...args, '--seed', '11')
    const again = await run(...args, '--seed', '11')
    expect(again.stdout).toBe(first.stdout)
    const result = JSON.parse(first.stdout) as SignificanceResult
    expect(Object.keys(result)).toEqual([
      'challengeId',
      'categoryId',
      'domain',
      'task',
      'seed',
      'resamples',
      'unit',
      'units',
      'entries',
      'metrics',
      'winners',
      'robustness',
      'notes'
    ])
    expect(result).toMatchObject({ seed: 11, resamples: 300, unit: 'example', task: 'simmc-st2-generation' })
    expect(result.entries.every((e) => /^Team \d+$/.test(e.team))).toBe(true)
    const bleu = result.metrics[0]!
    expect(bleu.metric).toBe('bleu')
    for (const p of bleu.pairs) {
      expect(p.pBootstrap).toBeGreaterThan(0)
      expect(p.pBootstrap).toBeLessThanOrEqual(1)
      expect(Object.keys(p)).toEqual(['a', 'b', 'diff', 'pBootstrap', 'pRandomization'])
    }
    expect(Object.keys(bleu.entries[0]!)).toEqual(['value', 'stderr', 'ciLow', 'ciHigh'])
  })

  it('bad options exit 2 with one line', async () => {
    const failure = await run(
      '--challenge',
      String(challenge.id),
      '--category',
      'simmc-st3',
      '--domain',
      'fashion',
      '--resamples',
      'many'
    ).catch((e: unknown) => e as { code: number; stderr: string })
    expect(failure).toMatchObject({ code: 2, stderr: 'podium: compare: --resamples must be a non-negative integer, got "many"\n' })
  })
})
