// Types of the pure ranking domain (src/main/ranking): winner rule, ranking methods,
// eligibility. Shared so the renderer can show traces and tables without importing main code.

import type { Direction, MetricPriority } from './challenge'

export type { Direction, MetricPriority }

/** One metric of one entry; `stderr` null/absent = unknown (the winner rule then uses 0 and warns). */
export interface MetricValue {
  value: number
  stderr?: number | null
}

/** A scored entry (one team's submission, a checkpoint of it, or a baseline). */
export interface ScoredEntry {
  team: string
  /** Tells several entries (checkpoints) of one team apart; defaults to `team`. */
  entryId?: string
  /** Absent or null metric = missing value. */
  metrics: Record<string, MetricValue | null | undefined>
  /** Baselines are shown but never ranked among teams and never win. */
  baseline?: boolean
  /** false = cannot win (see eligibility.ts); absent = eligible. */
  eligible?: boolean
  /** Why `eligible` is false, e.g. "not open-sourced: no licence file". */
  ineligibleReasons?: string[]
}

// ---------------------------------------------------------------- winner rule

export interface WinnerInput {
  /** Metric priority list of one category, most important first. */
  priority: MetricPriority[]
  /** Team names must be unique: the winner rule compares one entry per team. */
  entries: ScoredEntry[]
}

/**
 * Whose standard error defines "within one standard error":
 * - 'best' (default): the current best entry's SE, as the SIMMC rule reads
 *   ("within one standard error of this candidate's performance");
 * - 'each': the compared entry's own SE;
 * - 'max': the larger of the two (the most lenient).
 */
export type SeSource = 'best' | 'each' | 'max'

export interface WinnerSettings {
  seSource?: SeSource
}

export interface TraceBest {
  team: string
  value: number
  /** As given; null when missing (then treated as 0, with a warning). */
  stderr: number | null
}

export interface TraceStayed {
  team: string
  value: number
  /** The SE this entry was compared with, and the bound it had to reach. */
  seUsed: number
  threshold: number
}

export type DropReason = 'missing value' | 'outside one standard error'

export interface TraceDropped {
  team: string
  value: number | null
  reason: DropReason
  /** Null when the value is missing. */
  seUsed: number | null
  threshold: number | null
}

export interface TraceStep {
  metric: string
  direction: Direction
  seSource: SeSource
  /** Null when the step was skipped (no candidate has the metric). */
  best: TraceBest | null
  /**
   * The bound a candidate had to reach (best − SE for 'higher', best + SE for 'lower').
   * Only one bound exists with seSource 'best'; for 'each' / 'max' it is null and every
   * row carries its own `threshold`.
   */
  threshold: number | null
  seUsed: number | null
  /** Candidates that remain after this step, best first (ties by team name); empty when skipped. */
  stayed: TraceStayed[]
  /** Candidates this step removed: by value best first, missing values last. */
  dropped: TraceDropped[]
  /** E.g. "team X: missing stderr for mrr, treated as 0". */
  warnings: string[]
  /** Set when the step was skipped; then every candidate stays and `stayed`/`dropped` are empty. */
  note?: string
}

export interface ExcludedEntry {
  team: string
  /** "baseline", "ineligible" or "ineligible: <reasons joined by '; '>". */
  reason: string
}

export interface WinnerOutcome {
  /** Sorted by team name. Empty when no eligible non-baseline entry exists. */
  winners: string[]
  joint: boolean
  trace: TraceStep[]
  /** Baselines and ineligible entries, never candidates; sorted by team name. */
  excluded: ExcludedEntry[]
}

// ---------------------------------------------------------------- ranking methods

/** 'fractional': tied entries share the mean of their positions (1.5); 'competition': 1, 1, 3. */
export type TieRule = 'fractional' | 'competition'

/**
 * Entries lacking a metric a method needs: 'unranked' leaves them without a score;
 * 'worst' scores the metric as the worst possible (normalized 0, or tied last rank).
 */
export type MissingRule = 'unranked' | 'worst'

/** How one metric is normalized to 0–100 (see methods.ts for the definition). */
export interface NormalizationSpec extends MetricPriority {
  /** Score mapped to 0: a number (e.g. random-guess accuracy) or 'baseline' (best baseline value). */
  floor: number | 'baseline'
  /** Best possible score, mapped to 100 (default 1; e.g. 1 for accuracies, perplexity and mean rank). */
  ceiling?: number
}

export type RankingMethod =
  | { kind: 'single'; metric: MetricPriority; ties?: TieRule }
  | { kind: 'normalized-average'; specs: NormalizationSpec[]; missing?: MissingRule; ties?: TieRule }
  | { kind: 'average-rank'; metrics: MetricPriority[]; missing?: MissingRule; ties?: TieRule }

export interface RankedRow {
  team: string
  entryId: string
  baseline: boolean
  /** Null for baselines and for entries without a score. */
  rank: number | null
  /** Metric value, normalized average (0–100) or mean rank, depending on the method. */
  score: number | null
  /** Per metric: raw value, normalized value (0–100) or rank, depending on the method. */
  perMetric: Record<string, number | null>
  /** Metrics the entry lacks. */
  missing: string[]
}

// ---------------------------------------------------------------- eligibility

export interface EligibilityFacts {
  team: string
  entryId?: string
  baseline?: boolean
  /** A problem with the repository licence, e.g. "no LICENSE file"; null/absent = fine. */
  licenceProblem?: string | null
  /** false = code or model parameters not made public; absent = not known to be a problem. */
  openSourced?: boolean
  /** Organizer flags, each a reason, e.g. "trained on test-std". */
  flags?: string[]
  metrics?: ScoredEntry['metrics']
}

export interface EligibilityOptions {
  /** ConvAI2: an entry must beat the baselines in at least one of these metrics. Off when absent. */
  beatBaselinesIn?: MetricPriority[]
}

export interface EligibilityVerdict {
  team: string
  entryId: string
  eligible: boolean
  reasons: string[]
}
