// The SIMMC (DSTC9) winner rule, as a pure function with a full trace.
//
// "The entry with the most favorable (higher or lower) performance on the metric will be
// labelled as a winner candidate. Further, all other entries within one standard error of
// this candidate's performance will also be considered as candidates. If there are more than
// one candidate according to the metric, we will move to the next metric in the priority
// list and repeat [...]. In case of multiple candidates even after running through the list
// of metrics in the priority order, all of them will be declared as joint subtask winners."
//
// Choices, all visible in the trace:
// - Only eligible, non-baseline entries are candidates (the rest are listed in `excluded`).
// - "One standard error" is the best entry's SE by default (`seSource`, see shared/ranking.ts).
// - The boundary is inclusive: x stays when |best − x| ≤ se + ε, where
//   ε = 1e-12 · max(|best|, |x|, se) absorbs float noise (0.8 − 0.7 = 0.10000000000000009).
// - At each step an entry without the metric cannot stay (reason "missing value"); a missing
//   stderr counts as 0 with a warning; when no candidate has the metric the step is skipped.
// - The first step always runs, so a single entry wins with a one-step trace.
// - Ties are broken by team name in UTF-16 code-unit order (locale independent).

import type {
  MetricPriority,
  ScoredEntry,
  SeSource,
  TraceDropped,
  TraceStayed,
  TraceStep,
  WinnerInput,
  WinnerOutcome,
  WinnerSettings
} from '../../shared/ranking'

export const RELATIVE_EPSILON = 1e-12

/**
 * Label order: runs of digits compare as numbers ("Team 2" before "Team 10"), everything else
 * by UTF-16 code units; labels equal that way (e.g. "Team 02", "Team 2") fall back to plain order.
 */
export function compareNames(a: string, b: string): number {
  const chunks = (s: string): string[] => s.match(/\d+|\D+/g) ?? []
  const x = chunks(a)
  const y = chunks(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!
    const q = y[i]!
    const numeric = /^\d/.test(p) && /^\d/.test(q)
    const order = numeric ? compareDigits(p, q) : plainOrder(p, q)
    if (order !== 0) return order
  }
  return x.length - y.length || plainOrder(a, b)
}

const plainOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Digit runs of any length, as numbers: no precision loss on long ids. */
function compareDigits(p: string, q: string): number {
  const a = p.replace(/^0+(?=\d)/, '')
  const b = q.replace(/^0+(?=\d)/, '')
  return a.length - b.length || plainOrder(a, b)
}

export function isWithinOneSe(best: number, value: number, se: number): boolean {
  const epsilon = RELATIVE_EPSILON * Math.max(Math.abs(best), Math.abs(value), se)
  return Math.abs(best - value) <= se + epsilon
}

export function determineWinners(input: WinnerInput, settings: WinnerSettings = {}): WinnerOutcome {
  const seSource = settings.seSource ?? 'best'
  if (input.priority.length === 0) throw new RangeError('winner rule: the priority list is empty')
  assertUniqueTeams(input.entries)

  const excluded = input.entries
    .filter((entry) => entry.baseline === true || entry.eligible === false)
    .map((entry) => ({ team: entry.team, reason: exclusionReason(entry) }))
    .sort((a, b) => compareNames(a.team, b.team))
  let candidates = input.entries
    .filter((entry) => entry.baseline !== true && entry.eligible !== false)
    .sort((a, b) => compareNames(a.team, b.team))

  const trace: TraceStep[] = []
  for (const priority of input.priority) {
    if (candidates.length === 0) break
    const step = runStep(candidates, priority, seSource)
    trace.push(step)
    const stayed = new Set(step.stayed.map((row) => row.team))
    if (step.best !== null) candidates = candidates.filter((entry) => stayed.has(entry.team))
    if (candidates.length <= 1) break
  }

  const winners = candidates.map((entry) => entry.team)
  return { winners, joint: winners.length > 1, trace, excluded }
}

function runStep(candidates: ScoredEntry[], priority: MetricPriority, seSource: SeSource): TraceStep {
  const { metric, direction } = priority
  const sign = direction === 'higher' ? 1 : -1
  const warnings = new Set<string>()
  const seOf = (entry: ScoredEntry): number => {
    const stderr = entry.metrics[metric]?.stderr
    if (typeof stderr === 'number' && Number.isFinite(stderr) && stderr >= 0) return stderr
    warnings.add(`${entry.team}: missing stderr for ${metric}, treated as 0`)
    return 0
  }

  const withValue = candidates.filter((entry) => valueOf(entry, metric) !== null)
  const missing = candidates.filter((entry) => valueOf(entry, metric) === null)
  const base = { metric, direction, seSource }
  if (withValue.length === 0) {
    return {
      ...base,
      best: null,
      threshold: null,
      seUsed: null,
      stayed: [],
      dropped: [],
      warnings: [],
      note: `skipped: no candidate has a value for ${metric}; all ${candidates.length} candidates stay`
    }
  }

  const byValue = (a: ScoredEntry, b: ScoredEntry): number =>
    sign * (valueOf(b, metric)! - valueOf(a, metric)!) || compareNames(a.team, b.team)
  const ordered = [...withValue].sort(byValue)
  const best = ordered[0]!
  const bestValue = valueOf(best, metric)!
  const bestSe = seOf(best)

  const stayed: TraceStayed[] = []
  const dropped: TraceDropped[] = []
  for (const entry of ordered) {
    const value = valueOf(entry, metric)!
    const seUsed = seSource === 'best' ? bestSe : seSource === 'each' ? seOf(entry) : Math.max(bestSe, seOf(entry))
    const threshold = bestValue - sign * seUsed
    const row = { team: entry.team, value, seUsed, threshold }
    if (isWithinOneSe(bestValue, value, seUsed)) stayed.push(row)
    else dropped.push({ ...row, reason: 'outside one standard error' })
  }
  for (const entry of missing) {
    dropped.push({ team: entry.team, value: null, reason: 'missing value', seUsed: null, threshold: null })
  }

  const single = seSource === 'best'
  return {
    ...base,
    best: { team: best.team, value: bestValue, stderr: best.metrics[metric]?.stderr ?? null },
    threshold: single ? bestValue - sign * bestSe : null,
    seUsed: single ? bestSe : null,
    stayed,
    dropped,
    warnings: [...warnings].sort(compareNames)
  }
}

/** The entry's finite value for `metric`, or null when missing. */
export function valueOf(entry: { metrics?: ScoredEntry['metrics'] }, metric: string): number | null {
  const value = entry.metrics?.[metric]?.value
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function exclusionReason(entry: ScoredEntry): string {
  if (entry.baseline === true) return 'baseline'
  const reasons = entry.ineligibleReasons ?? []
  return reasons.length > 0 ? `ineligible: ${reasons.join('; ')}` : 'ineligible'
}

function assertUniqueTeams(entries: readonly ScoredEntry[]): void {
  const seen = new Set<string>()
  for (const entry of entries) {
    if (seen.has(entry.team)) throw new RangeError(`winner rule: team "${entry.team}" has more than one entry`)
    seen.add(entry.team)
  }
}
