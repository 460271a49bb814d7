// Ranking methods shown beside the winner rule. Pure: entries in, sorted rows out.
//
// Common to every method:
// - Baselines are shown (with their score where one exists) but never ranked: rank null, and
//   team ranks are computed among non-baseline entries only.
// - Rows are sorted best score first; rows without a score come last. Equal scores: teams
//   before baselines, then team name, then entry id (UTF-16 code-unit order).
// - Ties are exact equality of scores. 'fractional' ranks give tied rows the mean of their
//   positions (two rows tied for first are both 1.5); 'competition' gives 1, 1, 3.
//
// Normalized average (after the Open LLM Leaderboard FAQ: "Normalization adjusts scores so
// that the lower bound corresponds to the score of a random baseline, ensuring a fairer
// average"): per metric
//     normalized = max(0, (value − floor) / (ceiling − floor)) · 100
// where floor is the lower bound (a fixed number such as random-guess accuracy, or 'baseline'
// = the best baseline's value) and ceiling the best possible score (default 1). Values worse
// than the floor become 0. The same formula serves lower-is-better metrics: there the floor is
// the larger number (e.g. baseline perplexity 35) and the ceiling the smaller (perplexity 1),
// so a perplexity of 18 scores (18 − 35) / (1 − 35) · 100 = 50. Values beyond the ceiling
// are not clamped (they show a misconfigured ceiling). The score is the mean over metrics.
//
// Average rank: per metric, fractional ranks among non-baseline entries (1 = best); the score
// is their mean (lower is better) and the final rank follows the score.

import type {
  Direction,
  MetricPriority,
  MissingRule,
  NormalizationSpec,
  RankedRow,
  RankingMethod,
  ScoredEntry,
  TieRule
} from '../../shared/ranking'
import { compareNames, valueOf } from './winner-rule'

type Draft = Omit<RankedRow, 'rank'>

export function rankBySingleMetric(entries: readonly ScoredEntry[], metric: MetricPriority, options: { ties?: TieRule } = {}): RankedRow[] {
  const drafts = entries.map((entry) => {
    const value = valueOf(entry, metric.metric)
    return draft(entry, value, { [metric.metric]: value }, value === null ? [metric.metric] : [])
  })
  return finishRows(drafts, metric.direction, options.ties ?? 'fractional')
}

export function rankByNormalizedAverage(
  entries: readonly ScoredEntry[],
  specs: readonly NormalizationSpec[],
  options: { missing?: MissingRule; ties?: TieRule } = {}
): RankedRow[] {
  if (specs.length === 0) throw new RangeError('normalized average: no metrics given')
  const bounds = specs.map((spec) => resolveBounds(entries, spec))
  const drafts = entries.map((entry) => {
    const perMetric: Record<string, number | null> = {}
    const missing: string[] = []
    for (const { spec, floor, ceiling } of bounds) {
      const value = valueOf(entry, spec.metric)
      if (value === null) missing.push(spec.metric)
      perMetric[spec.metric] = value === null ? null : normalizeScore(value, floor, ceiling)
    }
    const usable = missing.length === 0 || options.missing === 'worst'
    const sum = Object.values(perMetric).reduce<number>((acc, v) => acc + (v ?? 0), 0)
    return draft(entry, usable ? sum / specs.length : null, perMetric, missing)
  })
  return finishRows(drafts, 'higher', options.ties ?? 'fractional')
}

/** (value − floor) / (ceiling − floor) · 100, with values worse than the floor set to 0. */
export function normalizeScore(value: number, floor: number, ceiling: number): number {
  return Math.max(0, (value - floor) / (ceiling - floor)) * 100
}

export function rankByAverageRank(
  entries: readonly ScoredEntry[],
  metrics: readonly MetricPriority[],
  options: { missing?: MissingRule; ties?: TieRule } = {}
): RankedRow[] {
  if (metrics.length === 0) throw new RangeError('average rank: no metrics given')
  const teams = entries.filter((entry) => entry.baseline !== true)
  const ranksByMetric = metrics.map((metric) => perMetricRanks(teams, metric, options.missing ?? 'unranked'))
  const drafts = entries.map((entry) => {
    const perMetric: Record<string, number | null> = {}
    const missing = metrics.filter((m) => valueOf(entry, m.metric) === null).map((m) => m.metric)
    metrics.forEach((m, i) => (perMetric[m.metric] = ranksByMetric[i]!.get(entry) ?? null))
    const ranks = Object.values(perMetric)
    const complete = entry.baseline !== true && ranks.every((rank) => rank !== null)
    const score = complete ? ranks.reduce<number>((acc, r) => acc + r!, 0) / metrics.length : null
    return draft(entry, score, perMetric, missing)
  })
  return finishRows(drafts, 'lower', options.ties ?? 'fractional')
}

export function rankEntries(entries: readonly ScoredEntry[], method: RankingMethod): RankedRow[] {
  switch (method.kind) {
    case 'single':
      return rankBySingleMetric(entries, method.metric, method)
    case 'normalized-average':
      return rankByNormalizedAverage(entries, method.specs, method)
    case 'average-rank':
      return rankByAverageRank(entries, method.metrics, method)
  }
}

/**
 * Keeps one entry per team — the one the method ranks best among all entries (ties: entry id)
 * — then ranks the kept entries again with the same method.
 */
export function bestEntryPerTeam(entries: readonly ScoredEntry[], method: RankingMethod): RankedRow[] {
  const keptIds = new Set<string>()
  const seenTeams = new Set<string>()
  for (const row of rankEntries(entries, method)) {
    if (seenTeams.has(row.team)) continue
    seenTeams.add(row.team)
    keptIds.add(row.entryId)
  }
  return rankEntries(
    entries.filter((entry) => keptIds.has(entryIdOf(entry))),
    method
  )
}

export function entryIdOf(entry: ScoredEntry): string {
  return entry.entryId ?? entry.team
}

/** Ranks 1..n for `ordered` (best first); `same` tells which neighbours are tied. */
export function assignRanks<T>(ordered: readonly T[], same: (a: T, b: T) => boolean, ties: TieRule): number[] {
  const ranks: number[] = []
  let start = 0
  while (start < ordered.length) {
    let end = start + 1
    while (end < ordered.length && same(ordered[start]!, ordered[end]!)) end++
    const rank = ties === 'fractional' ? (start + 1 + end) / 2 : start + 1
    for (let i = start; i < end; i++) ranks.push(rank)
    start = end
  }
  return ranks
}

function perMetricRanks(teams: readonly ScoredEntry[], metric: MetricPriority, missing: MissingRule): Map<ScoredEntry, number> {
  const sign = metric.direction === 'higher' ? 1 : -1
  const present = teams
    .filter((entry) => valueOf(entry, metric.metric) !== null)
    .sort((a, b) => sign * (valueOf(b, metric.metric)! - valueOf(a, metric.metric)!))
  const ranks = assignRanks(present, (a, b) => valueOf(a, metric.metric) === valueOf(b, metric.metric), 'fractional')
  const result = new Map(present.map((entry, i) => [entry, ranks[i]!]))
  const absent = teams.filter((entry) => valueOf(entry, metric.metric) === null)
  if (missing === 'worst') for (const entry of absent) result.set(entry, present.length + (absent.length + 1) / 2)
  return result
}

function resolveBounds(entries: readonly ScoredEntry[], spec: NormalizationSpec) {
  const ceiling = spec.ceiling ?? 1
  let floor: number
  if (spec.floor === 'baseline') {
    const values = entries.filter((e) => e.baseline === true).map((e) => valueOf(e, spec.metric))
    const known = values.filter((v): v is number => v !== null)
    if (known.length === 0) throw new RangeError(`normalized average: no baseline has a value for ${spec.metric}`)
    floor = spec.direction === 'higher' ? Math.max(...known) : Math.min(...known)
  } else {
    floor = spec.floor
  }
  const ordered = spec.direction === 'higher' ? ceiling > floor : ceiling < floor
  if (!ordered || !Number.isFinite(floor) || !Number.isFinite(ceiling)) {
    const relation = spec.direction === 'higher' ? 'above' : 'below'
    throw new RangeError(
      `normalized average: ${spec.metric} (${spec.direction} is better) needs its ceiling ${ceiling} ${relation} its floor ${floor}`
    )
  }
  return { spec, floor, ceiling }
}

function draft(entry: ScoredEntry, score: number | null, perMetric: Record<string, number | null>, missing: string[]): Draft {
  return { team: entry.team, entryId: entryIdOf(entry), baseline: entry.baseline === true, score, perMetric, missing }
}

function finishRows(drafts: Draft[], better: Direction, ties: TieRule): RankedRow[] {
  assertUniqueEntryIds(drafts)
  const sign = better === 'higher' ? 1 : -1
  const sorted = [...drafts].sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (a.score !== null && b.score !== null ? sign * (b.score - a.score) : 0) ||
      Number(a.baseline) - Number(b.baseline) ||
      compareNames(a.team, b.team) ||
      compareNames(a.entryId, b.entryId)
  )
  const ranked = sorted.filter((row) => !row.baseline && row.score !== null)
  const ranks = assignRanks(ranked, (a, b) => a.score === b.score, ties)
  const rankOf = new Map(ranked.map((row, i) => [row, ranks[i]!]))
  return sorted.map((row) => ({ ...row, rank: rankOf.get(row) ?? null }))
}

function assertUniqueEntryIds(drafts: readonly Draft[]): void {
  const seen = new Set<string>()
  for (const row of drafts) {
    if (seen.has(row.entryId)) throw new RangeError(`ranking: entry id "${row.entryId}" appears twice (set entryId per checkpoint)`)
    seen.add(row.entryId)
  }
}
