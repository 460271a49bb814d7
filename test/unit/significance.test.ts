import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../../src/main/random'
import { CHUNK_SIZE, chunkCount, observedValue } from '../../src/main/ranking/significance-core'
import { prepareInput } from '../../src/main/ranking/significance-data'
import { mergeChunks, planChunks, runChunk, runInline, winnersFast, type MergeOptions } from '../../src/main/ranking/significance-merge'
import { determineWinners } from '../../src/main/ranking/winner-rule'
import type { SeSource } from '../../src/shared/ranking'
import { chunkRng } from '../../src/main/ranking/significance-rng'
import { scoreDst } from '../../src/main/scoring/simmc-st3'
import { scoreRetrieval } from '../../src/main/scoring/simmc-st2-retrieval'
import type { ExampleResult } from '../../src/shared/scoring'
import { ROOT } from '../helpers/serve'

const PARITY = join(ROOT, '..', 'shared', 'parity', 'cases', 'fashion')

/** n examples with Bernoulli(p) scores, each its own dialog. */
function bernoulli(seed: string, n: number, p: number): ExampleResult[] {
  const random = createRandom(seed)
  return Array.from({ length: n }, (_, i) => ({ dialogId: `d${i}`, turn: 0, gold: 'g', prediction: 'p', score: random.chance(p) ? 1 : 0 }))
}

const options = (entries: number, metrics = 1): MergeOptions => ({
  stderr: Array.from({ length: metrics }, () => Array.from({ length: entries }, () => 0.01)),
  priority: [{ metric: 'bleu', direction: 'higher' }],
  eligible: Array.from({ length: entries }, () => true),
  seSource: 'best'
})

const generation = (entries: Array<{ name: string; examples: ExampleResult[] }>) => prepareInput('simmc-st2-generation', entries).input

describe('seeded generator', () => {
  it('is reproducible per (seed, stream, chunk) and differs between chunks', () => {
    const draw = (chunk: number) => {
      const rng = chunkRng(7, 'bootstrap', chunk)
      return Array.from({ length: 5 }, () => rng.nextU32())
    }
    expect(draw(0)).toEqual(draw(0))
    expect(draw(0)).not.toEqual(draw(1))
    const rng = chunkRng(7, 'bootstrap', 0)
    for (let i = 0; i < 1000; i++) {
      const k = rng.index(13)
      expect(Number.isInteger(k) && k >= 0 && k < 13).toBe(true)
    }
  })
})

describe('paired tests on constructed entries', () => {
  it('a known difference gives a tiny p-value in both tests', () => {
    const input = generation([
      { name: 'strong', examples: bernoulli('a', 400, 0.75) },
      { name: 'weak', examples: bernoulli('b', 400, 0.5) }
    ])
    const result = runInline(input, 1, 1000, options(2))
    const pair = result.metrics[0]!.pairs[0]!
    expect(pair.diff).toBeGreaterThan(0.15)
    expect(pair.pBootstrap).toBeLessThan(0.005)
    expect(pair.pRandomization).toBeLessThan(0.005)
    expect(result.winners).toEqual(['strong'])
    expect(result.robustness.share).toBeGreaterThan(0.99)
  })

  it('literally identical entries are never significantly different (p = 1 under randomization)', () => {
    const examples = bernoulli('same', 300, 0.5)
    const result = runInline(
      generation([
        { name: 'x', examples },
        { name: 'y', examples }
      ]),
      3,
      500,
      options(2)
    )
    expect(result.metrics[0]!.pairs[0]!.pRandomization).toBe(1)
    expect(result.metrics[0]!.pairs[0]!.pBootstrap).toBe(1)
  })

  it('exchangeable entries: p is roughly uniform (false-positive rate at 0.05 over 200 seeds)', () => {
    let bootstrapHits = 0
    let randomizationHits = 0
    const ps: number[] = []
    for (let s = 0; s < 200; s++) {
      const input = generation([
        { name: 'x', examples: bernoulli(`x${s}`, 200, 0.6) },
        { name: 'y', examples: bernoulli(`y${s}`, 200, 0.6) }
      ])
      const pair = runInline(input, s, 250, options(2)).metrics[0]!.pairs[0]!
      if (pair.pBootstrap < 0.05) bootstrapHits++
      if (pair.pRandomization < 0.05) randomizationHits++
      ps.push(pair.pRandomization)
    }
    // Binomial(200, 0.05): mean 10, sd 3.1; [2, 20] is beyond ±3 sd.
    expect(bootstrapHits).toBeGreaterThanOrEqual(2)
    expect(bootstrapHits).toBeLessThanOrEqual(20)
    expect(randomizationHits).toBeGreaterThanOrEqual(2)
    expect(randomizationHits).toBeLessThanOrEqual(20)
    // Uniform: about half the p-values are below 0.5.
    const below = ps.filter((p) => p < 0.5).length
    expect(below).toBeGreaterThan(70)
    expect(below).toBeLessThan(130)
  })

  it('the 95 % interval holds the point estimate and narrows with more examples', () => {
    const width = (n: number) => {
      const input = generation([
        { name: 'x', examples: bernoulli('w', n, 0.5) },
        { name: 'y', examples: bernoulli('v', n, 0.5) }
      ])
      const e = runInline(input, 9, 1000, options(2)).metrics[0]!.entries[0]!
      expect(e.ciLow).toBeLessThanOrEqual(e.value)
      expect(e.ciHigh).toBeGreaterThanOrEqual(e.value)
      return e.ciHigh - e.ciLow
    }
    const small = width(100)
    const large = width(1600)
    // sd of a mean of 0/1 at p = 0.5: 0.5/sqrt(n); the 95 % width is about 3.92 sd.
    expect(small).toBeGreaterThan(0.14)
    expect(small).toBeLessThan(0.25)
    expect(large).toBeLessThan(small / 3)
  })
})

describe('reproducibility', () => {
  const input = generation([
    { name: 'a', examples: bernoulli('r1', 300, 0.6) },
    { name: 'b', examples: bernoulli('r2', 300, 0.55) },
    { name: 'c', examples: bernoulli('r3', 300, 0.5) }
  ])
  const resamples = 2 * CHUNK_SIZE + 17

  it('is bit-identical for a fixed seed across runs, and changes with the seed', () => {
    const first = runInline(input, 42, resamples, options(3))
    const second = runInline(input, 42, resamples, options(3))
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
    expect(JSON.stringify(runInline(input, 43, resamples, options(3)))).not.toBe(JSON.stringify(first))
  })

  it('1 or 2 workers (chunks dealt round-robin, finishing in any order) give the same numbers', () => {
    const tasks = planChunks(resamples)
    expect(tasks).toHaveLength(2 * chunkCount(resamples))
    const layout = (workers: number) => {
      // Each worker runs its chunks; results are put back by chunk index, as the service does.
      const outputs = new Array<Float64Array | Int32Array>(tasks.length)
      for (let w = workers - 1; w >= 0; w--) {
        for (let i = w; i < tasks.length; i += workers) outputs[i] = runChunk(input, 42, resamples, tasks[i]!)
      }
      const boot = outputs.filter((_, i) => tasks[i]!.test === 'bootstrap') as Float64Array[]
      const rand = outputs.filter((_, i) => tasks[i]!.test === 'randomization') as Int32Array[]
      return JSON.stringify(mergeChunks(input, resamples, boot, rand, options(3)))
    }
    expect(layout(2)).toBe(layout(1))
    expect(layout(1)).toBe(JSON.stringify(runInline(input, 42, resamples, options(3))))
  })
})

describe('metrics recomputed from stored per-example results', () => {
  const opts = { singleRound: false, goldName: 'gold', predName: 'pred' }
  const gold = readFileSync(join(PARITY, 'gold_dst.txt'), 'utf8')

  it('DST: resampling dialogs; the point estimates equal the official corpus F1s', () => {
    const strong = scoreDst(gold, readFileSync(join(PARITY, 'strong', 'subtask-3.txt'), 'utf8'), opts)
    const weak = scoreDst(gold, readFileSync(join(PARITY, 'weak', 'subtask-3.txt'), 'utf8'), opts)
    const { input, unit } = prepareInput('simmc-st3', [
      { name: 'strong', examples: strong.examples },
      { name: 'weak', examples: weak.examples }
    ])
    expect(unit).toBe('dialog')
    input.metrics.forEach((spec, m) => {
      expect(observedValue(input, 0, m)).toBe(strong.metrics[spec.metric])
      expect(observedValue(input, 1, m)).toBe(weak.metrics[spec.metric])
    })
    const result = runInline(input, 5, 500, { ...options(2, input.metrics.length), priority: [{ metric: 'slot_f1', direction: 'higher' }] })
    const slot = result.metrics.find((m) => m.metric === 'slot_f1')!
    expect(slot.entries[0]!.value).toBeGreaterThan(slot.entries[1]!.value)
    expect(slot.pairs[0]!.pRandomization).toBeLessThan(0.01)
    expect(slot.pairs[0]!.pBootstrap).toBeLessThan(0.01)
  })

  it('retrieval: every metric (R@k, mean rank, MRR) equals the scorer', () => {
    const goldR = readFileSync(join(PARITY, 'gold_retrieval_candidates.json'), 'utf8')
    const mid = scoreRetrieval(goldR, readFileSync(join(PARITY, 'mid', 'subtask-2-retrieval.json'), 'utf8'), opts)
    const weak = scoreRetrieval(goldR, readFileSync(join(PARITY, 'weak', 'subtask-2-retrieval.json'), 'utf8'), opts)
    const { input } = prepareInput(
      'simmc-st2-retrieval',
      [
        { name: 'mid', examples: mid.examples },
        { name: 'weak', examples: weak.examples }
      ],
      ['r1']
    )
    expect(input.metrics[0]!.metric).toBe('r1')
    input.metrics.forEach((spec, m) => expect(observedValue(input, 0, m)).toBeCloseTo(mid.metrics[spec.metric]!, 12))
  })

  it('pairs only the examples every entry has, and says so', () => {
    const all = bernoulli('p', 50, 0.5)
    const prepared = prepareInput('simmc-st2-generation', [
      { name: 'full', examples: all },
      { name: 'partial', examples: all.slice(0, 40) }
    ])
    expect(prepared.input.units).toBe(40)
    expect(prepared.notes).toEqual(['full: 10 example(s) not predicted by every compared entry are left out'])
  })

  it('refuses tasks without a per-example definition and single entries', () => {
    expect(() => prepareInput('convai2-ppl', [])).toThrow(/convai2-ppl/)
    expect(() => prepareInput('simmc-st2-generation', [{ name: 'a', examples: bernoulli('x', 3, 0.5) }])).toThrow(/two entries/)
  })
})

describe('winner robustness', () => {
  it('the fast rule used per resample picks the same winners as the winner rule (2,000 random boards)', () => {
    const random = createRandom('fast-rule')
    const metrics = ['m0', 'm1', 'm2']
    for (let t = 0; t < 2000; t++) {
      const n = random.int(1, 7)
      const names = random.shuffle(Array.from({ length: n }, (_, e) => `T${e}`))
      // Coarse values make ties and one-SE boundaries common; some values are missing.
      const value = names.map(() => metrics.map(() => (random.chance(0.1) ? Number.NaN : random.int(0, 8) / 8)))
      const se = names.map(() => metrics.map(() => (random.chance(0.1) ? Number.NaN : random.int(0, 3) / 8)))
      const eligible = names.map(() => random.chance(0.85))
      const priority = random
        .shuffle(metrics)
        .slice(0, random.int(1, 3))
        .map((metric) => ({ metric, direction: random.pick(['higher', 'lower'] as const) }))
      const seSource = random.pick<SeSource>(['best', 'each', 'max'])
      const expected = determineWinners(
        {
          priority,
          entries: names.map((team, e) => ({
            team,
            eligible: eligible[e],
            metrics: Object.fromEntries(
              metrics.map((m, k) => [m, { value: value[e]![k]!, stderr: Number.isNaN(se[e]![k]!) ? null : se[e]![k]! }])
            )
          }))
        },
        { seSource }
      ).winners
      const steps = priority.map((p) => ({ metric: metrics.indexOf(p.metric), sign: p.direction === 'higher' ? 1 : -1 }))
      const seOf = (m: number, e: number) => (Number.isNaN(se[e]![m]!) ? 0 : se[e]![m]!)
      expect(winnersFast(names, eligible, steps, (m, e) => value[e]![m]!, seOf, seSource)).toEqual(expected)
    }
  })

  it('two entries within one SE of each other: joint winners in about half the resamples', () => {
    const input = generation([
      { name: 'a', examples: bernoulli('j1', 400, 0.6) },
      { name: 'b', examples: bernoulli('j2', 400, 0.6) }
    ])
    const result = runInline(input, 2, 500, { ...options(2), stderr: [[0.02, 0.02]] })
    expect(result.winners).toHaveLength(2)
    expect(result.robustness.share).toBeGreaterThan(0.2)
    expect(result.robustness.share).toBeLessThan(0.9)
  })
})
