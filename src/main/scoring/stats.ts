// numpy-compatible summary statistics. The official SIMMC scripts report every
// "std error" as np.std(x) / sqrt(n): population std (ddof = 0).

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  let sum = 0
  for (const x of xs) sum += x
  return sum / xs.length
}

/** np.std with ddof = 0. numpy subtracts the mean first, as we do, so rounding matches. */
export function populationStd(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const m = mean(xs)
  let sq = 0
  for (const x of xs) sq += (x - m) * (x - m)
  return Math.sqrt(sq / xs.length)
}

/** np.std(x) / np.sqrt(len(x)). */
export function stdError(xs: readonly number[]): number {
  return populationStd(xs) / Math.sqrt(xs.length)
}
