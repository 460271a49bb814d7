// What the per-example score and columns mean for each scoring task.
import type { ExampleResult } from '../../../../shared/scoring'
import type { EvaluationSummary } from '../../../../shared/views'
import { formatWithStdError } from '../../../../shared/number-format'

/** Free-text predictions, where a word-level diff says more than equal / not equal. */
export const isGeneration = (task: string): boolean => task.includes('generation') || task === 'convai2-f1'

export const isRetrieval = (task: string): boolean => task.includes('retrieval') || task === 'convai2-hits1'

/**
 * Per-example perplexity (ConvAI2 PPL): lower is better and there is no "right" value, so no
 * wrong-only filter and no good/bad colour; the prediction is a likelihood, not a text to diff.
 */
export const isPerplexity = (task: string): boolean => task === 'convai2-ppl'

/** Whether the prediction column holds text comparable with the gold (a word diff makes sense). */
export const predictsText = (task: string): boolean => !isPerplexity(task) && task !== 'simmc-st2-retrieval'

/** Colour class of a per-example score: 1 is right, 0 wrong; perplexity is not coloured. */
export function scoreTone(task: string, score: number): 'ea-score-good' | 'ea-score-bad' | 'ea-score-mid' | 'ea-score-neutral' {
  if (isPerplexity(task)) return 'ea-score-neutral'
  return score >= 1 ? 'ea-score-good' : score <= 0 ? 'ea-score-bad' : 'ea-score-mid'
}

export function scoreName(task: string): string {
  if (isPerplexity(task)) return 'perplexity of the gold reply, lower is better'
  if (task === 'simmc-st1') return 'action correct (0/1)'
  if (task === 'simmc-st2-generation') return 'sentence BLEU'
  if (isRetrieval(task)) return 'reciprocal rank of the gold response'
  if (task === 'simmc-st3') return 'share of correct dialog acts'
  if (task === 'convai2-f1') return 'unigram F1'
  return 'per-example score'
}

export function distributionTitle(task: string): string {
  if (isRetrieval(task)) return 'Rank of the gold response'
  if (task === 'simmc-st2-generation') return 'Per-example BLEU'
  if (isPerplexity(task)) return 'Per-example perplexity'
  return 'Per-example score'
}

const integer = new Intl.NumberFormat()

/** "50,000" in the user's locale; one shared formatter (toLocaleString builds one per call). */
export const formatCount = (n: number): string => integer.format(n)

export function formatScore(score: number): string {
  if (!Number.isFinite(score)) return String(score)
  return Number.isInteger(score) ? String(score) : score.toFixed(3)
}

/** A metric with its standard error, as on the leaderboard and in the reports: "0.8505 ± 0.0211". */
export const formatMetric = (value: number, stderr: number | null): string => formatWithStdError(value, stderr)

const detailValue = (v: string | number | boolean | null): string =>
  v === null ? '—' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v)

/** "rank=4 · gtIndex=30" for the table's one-line detail column. */
export function formatDetail(detail: ExampleResult['detail']): string {
  if (!detail) return ''
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${detailValue(v)}`)
    .join(' · ')
}

export function detailEntries(detail: ExampleResult['detail']): Array<[string, string]> {
  return detail ? Object.entries(detail).map(([k, v]) => [k, detailValue(v)]) : []
}

/** Anonymous ids sort as "Team 2" < "Team 10"; baselines go last. */
export function sortTeams<T extends Pick<EvaluationSummary, 'label'> & { baseline?: boolean }>(rows: T[]): T[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
  return [...rows].sort((a, b) => Number(a.baseline ?? false) - Number(b.baseline ?? false) || collator.compare(a.label, b.label))
}
