// Merges chunk results (in chunk order) into p-values, confidence intervals and the winner
// robustness. Pure: the same chunks give the same numbers, bit for bit.
import type { MetricPriority, SeSource } from '../../shared/ranking'
import type { MetricSignificance, PairTest } from '../../shared/significance'
import {
  bootstrapChunk,
  CHUNK_SIZE,
  chunkCount,
  chunkLength,
  entryPairs,
  observedValue,
  randomizationChunk,
  type SignificanceInput
} from './significance-core'
import { compareNames, determineWinners, isWithinOneSe } from './winner-rule'

export type ChunkTest = 'bootstrap' | 'randomization'
export interface ChunkTask {
  test: ChunkTest
  chunk: number
}
export type ChunkOutput = Float64Array | Int32Array

/** Every chunk of both tests, bootstrap first. */
export function planChunks(resamples: number): ChunkTask[] {
  const n = chunkCount(resamples)
  const chunks = Array.from({ length: n }, (_, chunk) => chunk)
  return [
    ...chunks.map((chunk) => ({ test: 'bootstrap' as const, chunk })),
    ...chunks.map((chunk) => ({ test: 'randomization' as const, chunk }))
  ]
}

export function runChunk(input: SignificanceInput, seed: number, resamples: number, task: ChunkTask): ChunkOutput {
  return task.test === 'bootstrap'
    ? bootstrapChunk(input, seed, resamples, task.chunk)
    : randomizationChunk(input, seed, resamples, task.chunk)
}

/** Bootstrap values of metric m, entry e, resample r, across all chunks (in chunk order). */
export class BootstrapValues {
  constructor(
    private readonly chunks: readonly Float64Array[],
    private readonly entries: number,
    readonly resamples: number
  ) {}

  /** All resampled values of metric m for entry e, in resample order. */
  series(m: number, e: number): Float64Array {
    const out = new Float64Array(this.resamples)
    this.chunks.forEach((values, chunk) => {
      const length = chunkLength(this.resamples, chunk)
      const start = (m * this.entries + e) * length
      out.set(values.subarray(start, start + length), chunk * CHUNK_SIZE)
    })
    return out
  }
}

/** numpy's default percentile (linear interpolation between closest ranks). */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = q * (sorted.length - 1)
  const low = Math.floor(position)
  const high = Math.min(low + 1, sorted.length - 1)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

/**
 * Paired bootstrap p-value (Koehn 2004, as SacreBLEU's paired-bs): the bootstrap differences,
 * shifted to mean 0 (the null hypothesis), reach the observed |difference| how often?
 */
export function bootstrapPValue(a: Float64Array, b: Float64Array, observedDiff: number): number {
  const n = a.length
  let meanDiff = 0
  for (let r = 0; r < n; r++) meanDiff += a[r]! - b[r]!
  meanDiff /= n
  let count = 0
  const threshold = Math.abs(observedDiff) - 1e-12 * Math.max(1, Math.abs(observedDiff))
  for (let r = 0; r < n; r++) if (Math.abs(a[r]! - b[r]! - meanDiff) >= threshold) count++
  return (count + 1) / (n + 1)
}

export interface MergeOptions {
  /** Official standard errors: stderr[m][e] (null = unknown). */
  stderr: Array<Array<number | null>>
  priority: MetricPriority[]
  eligible: boolean[]
  seSource: SeSource
}

export interface MergedSignificance {
  metrics: MetricSignificance[]
  winners: string[]
  robustness: { same: number; resamples: number; share: number }
}

export function mergeChunks(
  input: SignificanceInput,
  resamples: number,
  bootstrap: readonly Float64Array[],
  randomization: readonly Int32Array[],
  options: MergeOptions
): MergedSignificance {
  const nEntries = input.entries.length
  const pairs = entryPairs(nEntries)
  const values = new BootstrapValues(bootstrap, nEntries, resamples)
  const arCounts = new Int32Array(input.metrics.length * pairs.length)
  for (const counts of randomization) for (let i = 0; i < counts.length; i++) arCounts[i]! += counts[i]!

  const series = input.metrics.map((_, m) => input.entries.map((__, e) => values.series(m, e)))
  const metrics = input.metrics.map((spec, m): MetricSignificance => {
    const observed = input.entries.map((_, e) => observedValue(input, e, m))
    const entries = input.entries.map((_, e) => {
      const sorted = Float64Array.from(series[m]![e]!).sort()
      return {
        value: observed[e]!,
        stderr: options.stderr[m]?.[e] ?? null,
        ciLow: percentile(sorted, 0.025),
        ciHigh: percentile(sorted, 0.975)
      }
    })
    const pairTests = pairs.map(([a, b], p): PairTest => {
      const diff = observed[a]! - observed[b]!
      return {
        a,
        b,
        diff,
        pBootstrap: bootstrapPValue(series[m]![a]!, series[m]![b]!, diff),
        pRandomization: (arCounts[m * pairs.length + p]! + 1) / (resamples + 1)
      }
    })
    return { metric: spec.metric, direction: spec.direction, entries, pairs: pairTests }
  })

  // The observed winners come from the rule itself; each resample uses winnersFast (same rule,
  // no trace: 10,000 calls of determineWinners would dominate the run).
  const observedEntries = input.entries.map((entry, e) => ({
    team: entry.name,
    eligible: options.eligible[e] ?? true,
    metrics: Object.fromEntries(
      input.metrics.map((spec, m) => [spec.metric, { value: metrics[m]!.entries[e]!.value, stderr: options.stderr[m]?.[e] ?? null }])
    )
  }))
  const winners = determineWinners({ priority: options.priority, entries: observedEntries }, { seSource: options.seSource }).winners
  const key = winners.join('\u0000')
  const names = input.entries.map((entry) => entry.name)
  const steps = options.priority.map((p) => ({
    metric: input.metrics.findIndex((spec) => spec.metric === p.metric),
    sign: p.direction === 'higher' ? 1 : -1
  }))
  const se = input.metrics.map((_, m) => input.entries.map((__, e) => seOrZero(options.stderr[m]?.[e])))
  const eligible = input.entries.map((_, e) => options.eligible[e] ?? true)
  let same = 0
  for (let r = 0; r < resamples; r++) {
    const found = winnersFast(
      names,
      eligible,
      steps,
      (m, e) => series[m]![e]![r]!,
      (m, e) => se[m]![e]!,
      options.seSource
    )
    if (found.join('\u0000') === key) same++
  }
  return { metrics, winners, robustness: { same, resamples, share: resamples ? same / resamples : 0 } }
}

/** Runs every chunk in this thread (tests, small inputs). */
export function runInline(input: SignificanceInput, seed: number, resamples: number, options: MergeOptions): MergedSignificance {
  const tasks = planChunks(resamples)
  const outputs = tasks.map((task) => runChunk(input, seed, resamples, task))
  return mergeChunks(
    input,
    resamples,
    outputs.filter((_, i) => tasks[i]!.test === 'bootstrap') as Float64Array[],
    outputs.filter((_, i) => tasks[i]!.test === 'randomization') as Int32Array[],
    options
  )
}

const seOrZero = (stderr: number | null | undefined): number =>
  typeof stderr === 'number' && Number.isFinite(stderr) && stderr >= 0 ? stderr : 0

/**
 * The winner rule of winner-rule.ts without its trace, on entry indices: eligible entries in
 * name order; per priority step the best value (ties: first name) keeps every entry within one
 * standard error; a step where no candidate has a value is skipped; stop at one candidate.
 * A metric index of −1 means no entry has that metric.
 */
export function winnersFast(
  names: readonly string[],
  eligible: readonly boolean[],
  steps: ReadonlyArray<{ metric: number; sign: number }>,
  valueOf: (m: number, e: number) => number,
  seOf: (m: number, e: number) => number,
  seSource: SeSource
): string[] {
  let candidates = names.map((_, e) => e).filter((e) => eligible[e])
  candidates.sort((a, b) => compareNames(names[a]!, names[b]!))
  for (const { metric, sign } of steps) {
    if (candidates.length === 0) break
    let best = -1
    for (const e of candidates) {
      if (metric < 0 || !Number.isFinite(valueOf(metric, e))) continue
      if (best < 0 || sign * (valueOf(metric, e) - valueOf(metric, best)) > 0) best = e
    }
    if (best >= 0) {
      const bestValue = valueOf(metric, best)
      const bestSe = seOf(metric, best)
      candidates = candidates.filter((e) => {
        const value = valueOf(metric, e)
        if (!Number.isFinite(value)) return false
        const seUsed = seSource === 'best' ? bestSe : seSource === 'each' ? seOf(metric, e) : Math.max(bestSe, seOf(metric, e))
        return isWithinOneSe(bestValue, value, seUsed)
      })
    }
    if (candidates.length <= 1) break
  }
  return candidates.map((e) => names[e]!)
}
