// numpy-compatible summary statistics. The official SIMMC scripts report every
// "std error" as np.std(x) / sqrt(n): population std (ddof = 0).

/** numpy's pairwise_sum: under 8 values in order, up to 128 in 8 interleaved partial sums, else halves. */
function pairwiseSum(xs: readonly number[], from: number, n: number): number {
  if (n < 8) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += xs[from + i]!
    return sum
  }
  if (n <= 128) {
    const r = xs.slice(from, from + 8)
    let i = 8
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k]! += xs[from + i + k]!
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!))
    for (; i < n; i++) sum += xs[from + i]!
    return sum
  }
  let half = Math.floor(n / 2)
  half -= half % 8
  return pairwiseSum(xs, from, half) + pairwiseSum(xs, from + half, n - half)
}

/** numpy reduces in buffers of 8,192 values: pairwise inside each, in order across them. */
const NUMPY_BUFFER = 8192

/** np.sum of a float64 array, bit for bit (np.mean's rounding depends on it past 8 values). */
function numpySum(xs: readonly number[]): number {
  let sum = 0
  for (let from = 0; from < xs.length; from += NUMPY_BUFFER) sum += pairwiseSum(xs, from, Math.min(NUMPY_BUFFER, xs.length - from))
  return sum
}

/** np.mean. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  return numpySum(xs) / xs.length
}

/** np.std with ddof = 0: the mean first, then the mean of squared deviations, both summed as numpy does. */
export function populationStd(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const m = mean(xs)
  return Math.sqrt(numpySum(xs.map((x) => (x - m) * (x - m))) / xs.length)
}

/** np.std(x) / np.sqrt(len(x)). */
export function stdError(xs: readonly number[]): number {
  return populationStd(xs) / Math.sqrt(xs.length)
}

/** A running sum over the count, as ParlAI's metrics accumulate (ConvAI2), not numpy's pairwise sum. */
export function runningMean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  let sum = 0
  for (const x of xs) sum += x
  return sum / xs.length
}
