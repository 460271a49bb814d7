// Paired significance tests on per-unit sums (pure, no I/O).
//
// Every metric is a function of column sums over the resampled units: an example-level mean is
// sum(score) / count (BLEU here is the mean of sentence BLEU), a DST F1 is computed from summed
// correct/true/predicted counts of the resampled dialogs. So one resample = one multiset of
// units (drawn once, shared by all entries: the test is paired), and each entry's metric is
// recomputed from weighted column sums.
//
// Work is split into fixed chunks of CHUNK_SIZE resamples, each with its own generator
// (significance-rng.ts), and merged in chunk order: the numbers are bit-identical whatever
// the number of workers.
import type { Direction } from '../../shared/challenge'
import { chunkRng } from './significance-rng'

export const CHUNK_SIZE = 250

/** Column index meaning "1 per unit" (its sum is the number of drawn units). */
export const ONE = -1

/**
 * - ratio: sums[0] / sums[1] (0 when the denominator is 0, as the official DST script reports);
 * - mean: sums[0] / sums[1] (NaN when nothing is averaged, as numpy's mean of nothing);
 * - exp-neg-mean: exp(−sums[0] / sums[1]) (perplexity from mean log-probabilities);
 * - f1: correct, true, predicted → the official rec/prec/F1 (0 instead of dividing by 0).
 */
export type StatKind = 'mean' | 'ratio' | 'exp-neg-mean' | 'f1'

export interface MetricSpec {
  metric: string
  direction: Direction
  kind: StatKind
  /** Column indices (or ONE) the statistic reads, in the order of its kind. */
  columns: number[]
}

export interface SignificanceInput {
  /** Number of resampling units (examples or dialogs), the same for every entry. */
  units: number
  entries: Array<{ name: string; columns: Float64Array[] }>
  metrics: MetricSpec[]
}

export function statistic(kind: StatKind, s: readonly number[]): number {
  switch (kind) {
    case 'mean':
      return s[1]! === 0 ? Number.NaN : s[0]! / s[1]!
    case 'ratio':
      return s[1]! === 0 ? 0 : s[0]! / s[1]!
    case 'exp-neg-mean':
      return s[1]! === 0 ? Number.NaN : Math.exp(-s[0]! / s[1]!)
    case 'f1': {
      const [correct, nTrue, nPred] = s as [number, number, number]
      const rec = nTrue ? correct / nTrue : 0
      const prec = nPred ? correct / nPred : 0
      return prec + rec !== 0 ? (2 * prec * rec) / (prec + rec) : 0
    }
  }
}

function plainSum(column: Float64Array): number {
  let sum = 0
  for (let i = 0; i < column.length; i++) sum += column[i]!
  return sum
}

/** The metric on all units (the point estimate). */
export function observedValue(input: SignificanceInput, entry: number, metric: number): number {
  const spec = input.metrics[metric]!
  const cols = input.entries[entry]!.columns
  return statistic(
    spec.kind,
    spec.columns.map((c) => (c === ONE ? input.units : plainSum(cols[c]!)))
  )
}

export const chunkCount = (resamples: number): number => Math.ceil(resamples / CHUNK_SIZE)
export const chunkLength = (resamples: number, chunk: number): number => Math.min(CHUNK_SIZE, resamples - chunk * CHUNK_SIZE)

/** The column indices any metric reads (ONE excluded), in ascending order. */
function usedColumns(input: SignificanceInput): number[] {
  return [...new Set(input.metrics.flatMap((m) => m.columns.filter((c) => c !== ONE)))].sort((a, b) => a - b)
}

/**
 * Bootstrap values of one chunk: values[(m * entries + e) * length + r] is metric m of entry e
 * on resample r of the chunk (units drawn with replacement, the same draw for every entry).
 */
export function bootstrapChunk(input: SignificanceInput, seed: number, resamples: number, chunk: number): Float64Array {
  const length = chunkLength(resamples, chunk)
  const { units, entries, metrics } = input
  const nEntries = entries.length
  const rng = chunkRng(seed, 'bootstrap', chunk)
  const used = usedColumns(input)
  const values = new Float64Array(metrics.length * nEntries * length)
  const counts = new Int32Array(units)
  // The drawn units and how often each was drawn: about 37 % of the units are not drawn at all.
  const drawn = new Int32Array(units)
  const times = new Float64Array(units)
  const sums = new Float64Array(sums0(used))
  const args: number[] = []
  for (let r = 0; r < length; r++) {
    counts.fill(0)
    for (let j = 0; j < units; j++) counts[rng.index(units)]! += 1
    let nDrawn = 0
    for (let i = 0; i < units; i++) {
      if (counts[i] === 0) continue
      drawn[nDrawn] = i
      times[nDrawn++] = counts[i]!
    }
    for (let e = 0; e < nEntries; e++) {
      const cols = entries[e]!.columns
      for (const c of used) {
        const column = cols[c]!
        let sum = 0
        for (let k = 0; k < nDrawn; k++) sum += times[k]! * column[drawn[k]!]!
        sums[c] = sum
      }
      for (let m = 0; m < metrics.length; m++) {
        const spec = metrics[m]!
        args.length = 0
        for (const c of spec.columns) args.push(c === ONE ? units : sums[c]!)
        values[(m * nEntries + e) * length + r] = statistic(spec.kind, args)
      }
    }
  }
  return values
}

/** Every unordered pair (a < b) of `n` entries, in a fixed order. */
export function entryPairs(n: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = []
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push([a, b])
  return pairs
}

/** |x| ≥ |observed| with a relative tolerance, so exact ties (e.g. identical entries) count. */
const atLeast = (x: number, observed: number): boolean => Math.abs(x) >= Math.abs(observed) - 1e-12 * Math.max(1, Math.abs(observed))

/**
 * Approximate randomization counts of one chunk: for each trial every unit's two outputs
 * are swapped with probability 1/2 (the same swaps for every pair of the trial);
 * counts[m * pairs + p] = trials whose |difference| reached the observed one.
 */
export function randomizationChunk(input: SignificanceInput, seed: number, resamples: number, chunk: number): Int32Array {
  const length = chunkLength(resamples, chunk)
  const { units, entries, metrics } = input
  const pairs = entryPairs(entries.length)
  const rng = chunkRng(seed, 'randomization', chunk)
  const used = usedColumns(input)
  const counts = new Int32Array(metrics.length * pairs.length)
  const totals = entries.map((entry) => entry.columns.map(plainSum))
  const observed = metrics.map((_, m) => entries.map((__, e) => observedValue(input, e, m)))
  const swapped = new Int32Array(units)
  const sumA = new Float64Array(sums0(used))
  const sumB = new Float64Array(sums0(used))
  const argsA: number[] = []
  const argsB: number[] = []
  for (let r = 0; r < length; r++) {
    let nSwapped = 0
    for (let base = 0; base < units; base += 32) {
      const bits = rng.nextU32()
      const end = Math.min(32, units - base)
      for (let k = 0; k < end; k++) if ((bits >>> k) & 1) swapped[nSwapped++] = base + k
    }
    for (let p = 0; p < pairs.length; p++) {
      const [a, b] = pairs[p]!
      const colsA = entries[a]!.columns
      const colsB = entries[b]!.columns
      for (const c of used) {
        const ca = colsA[c]!
        const cb = colsB[c]!
        let delta = 0
        for (let s = 0; s < nSwapped; s++) {
          const i = swapped[s]!
          delta += cb[i]! - ca[i]!
        }
        sumA[c] = totals[a]![c]! + delta
        sumB[c] = totals[b]![c]! - delta
      }
      for (let m = 0; m < metrics.length; m++) {
        const spec = metrics[m]!
        argsA.length = 0
        argsB.length = 0
        for (const c of spec.columns) {
          argsA.push(c === ONE ? units : sumA[c]!)
          argsB.push(c === ONE ? units : sumB[c]!)
        }
        const diff = statistic(spec.kind, argsA) - statistic(spec.kind, argsB)
        if (atLeast(diff, observed[m]![a]! - observed[m]![b]!)) counts[m * pairs.length + p]! += 1
      }
    }
  }
  return counts
}

const sums0 = (used: number[]): number => (used.length === 0 ? 0 : used[used.length - 1]! + 1)
