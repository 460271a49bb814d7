// One number format for metric values, on every screen and in every report: the decimals follow
// the value's magnitude (4 below 10: accuracies, F1, BLEU, MRR; 2 from 10: mean rank,
// perplexity), a standard error takes its value's decimals, "value ± se" has spaces around ±,
// and negative numbers use the minus sign U+2212. Machine formats (CSV, JSON) keep raw numbers.

export const MINUS = '\u2212'

/** Decimals for a metric value. */
export const metricDigits = (value: number): number => (Math.abs(value) >= 10 ? 2 : 4)

/** `value` with `digits` decimals (default: metricDigits), U+2212 for minus; "—" for NaN. */
export function formatMetricNumber(value: number, digits = metricDigits(value)): string {
  if (Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`
  const text = value.toFixed(digits)
  // A value that rounds to zero is shown without a sign ("−0.0000" would read as a loss).
  if (text.startsWith('-')) return /^-0(\.0*)?$/.test(text) ? text.slice(1) : MINUS + text.slice(1)
  return text
}

/** "0.8833 ± 0.0414": the standard error with its value's decimals; the value alone without one. */
export function formatWithStdError(value: number, stderr: number | null | undefined, digits = metricDigits(value)): string {
  const v = formatMetricNumber(value, digits)
  return stderr === null || stderr === undefined ? v : `${v} ± ${formatMetricNumber(stderr, digits)}`
}
