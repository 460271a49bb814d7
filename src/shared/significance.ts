// Paired significance between leaderboard entries: the API request and the stable result
// (also what `podium compare --json` prints; see README "Significance").

import type { Direction } from './challenge'

export const DEFAULT_RESAMPLES = 1000
export const MAX_RESAMPLES = 10000
export const DEFAULT_SEED = 12345
export const DEFAULT_TOP = 10

export interface SignificanceRequest {
  challengeId: number
  categoryId: string
  domain: string
  /** Bootstrap resamples and randomization trials (default 1,000, at most 10,000). */
  resamples?: number
  /** 32-bit unsigned seed (default 12345): the same seed gives bit-identical numbers. */
  seed?: number
  /** Compare the top N entries of the leaderboard (default 10). */
  top?: number
  anonymized?: boolean
  /** Client-chosen id for progress events and `significance.cancel`. */
  jobId?: string
}

/** One entry of the comparison, in leaderboard order. */
export interface SignificanceEntry {
  team: string
  teamId: number
  evaluationId: number
  rank: number | null
  eligible: boolean
}

export interface MetricInterval {
  /** The point estimate over the compared units (equals the leaderboard value when no unit is missing). */
  value: number
  /** The official standard error, as stored with the evaluation (null when the task has none). */
  stderr: number | null
  /** Percentile bootstrap 95 % confidence interval. */
  ciLow: number
  ciHigh: number
}

/** Entries a < b (indices into `entries`). p-values are two-sided, (count + 1) / (resamples + 1). */
export interface PairTest {
  a: number
  b: number
  /** value(a) − value(b). */
  diff: number
  pBootstrap: number
  pRandomization: number
}

export interface MetricSignificance {
  metric: string
  direction: Direction
  /** One per entry, in `entries` order. */
  entries: MetricInterval[]
  pairs: PairTest[]
}

export interface SignificanceResult {
  challengeId: number
  categoryId: string
  domain: string
  task: string
  seed: number
  resamples: number
  /** What is resampled: examples (example-level metrics) or dialogs (corpus-level DST). */
  unit: 'example' | 'dialog'
  units: number
  entries: SignificanceEntry[]
  metrics: MetricSignificance[]
  /** The winner rule's outcome among the compared entries (the 1-SE winner set). */
  winners: string[]
  /** Share of bootstrap resamples whose winner set equals `winners`. */
  robustness: { same: number; resamples: number; share: number }
  notes: string[]
}

/** The p-value of a pair, whichever order the indices are given in. */
export function pairOf(metric: MetricSignificance, i: number, j: number): PairTest | undefined {
  const [a, b] = i < j ? [i, j] : [j, i]
  return metric.pairs.find((p) => p.a === a && p.b === b)
}

/** Heat-map colour of a p-value: deep blue for p → 0, white from p = 0.2 up (same on screen and in the SVG). */
export function pValueColor(p: number): string {
  const t = Math.min(1, Math.max(0, Math.log10(Math.max(p, 1e-4)) / -4)) // 0 at p = 1, 1 at p ≤ 1e-4
  const shade = (from: number, to: number): number => Math.round(from + (to - from) * t)
  return `rgb(${shade(255, 33)}, ${shade(255, 102)}, ${shade(255, 172)})`
}

/** Per metric: the index of the best entry, and whether each entry is not significantly different from it. */
export function bestAndTies(result: SignificanceResult, metricIndex: number, alpha = 0.05): { best: number; tied: boolean[] } {
  const metric = result.metrics[metricIndex]!
  const sign = metric.direction === 'higher' ? 1 : -1
  let best = 0
  metric.entries.forEach((e, i) => {
    const current = metric.entries[best]!.value
    if (Number.isFinite(e.value) && (!Number.isFinite(current) || sign * (e.value - current) > 0)) best = i
  })
  const tied = metric.entries.map((_, i) => i !== best && (pairOf(metric, i, best)?.pBootstrap ?? 0) >= alpha)
  return { best, tied }
}

/** The paper-ready results section of one comparison (booktabs LaTeX, Markdown, SVG matrix). */
export interface PaperResultsView {
  latex: string
  markdown: string
  svg: string
  seed: number
  resamples: number
  /** Base for file names: `<challenge>-<category>-<domain>`. */
  fileBase: string
}
