// Why an entry cannot win. Pure: facts in, one verdict per entry (input order) out.
//
// Reasons, in this order:
// - "baseline": baselines are not entries into the competition (ConvAI2, SIMMC);
// - "not open-sourced: <problem>": SIMMC only declares winners among entries whose code and
//   model parameters are public under a permissive licence; a licence problem or an explicit
//   `openSourced: false` gives this reason (an absent `openSourced` is not held against it);
// - "flagged: <reason>": an organizer flag (e.g. trained on the test data);
// - ConvAI2 filter (optional, `beatBaselinesIn`): "better than the baselines in at least one
//   metric" — strictly better than every baseline that has the metric (that is, than the best
//   baseline) in at least one listed metric. Metrics no baseline has cannot be used; when no
//   listed metric has a baseline value, every team fails with a reason saying so.

import type { EligibilityFacts, EligibilityOptions, EligibilityVerdict, MetricPriority, ScoredEntry } from '../../shared/ranking'
import { valueOf } from './winner-rule'

export function checkEligibility(entries: readonly EligibilityFacts[], options: EligibilityOptions = {}): EligibilityVerdict[] {
  const baselines = entries.filter((entry) => entry.baseline === true)
  return entries.map((entry) => {
    const reasons: string[] = []
    if (entry.baseline === true) reasons.push('baseline')
    if (entry.licenceProblem) reasons.push(`not open-sourced: ${entry.licenceProblem}`)
    else if (entry.openSourced === false) reasons.push('not open-sourced: code or model not public')
    for (const flag of entry.flags ?? []) reasons.push(`flagged: ${flag}`)
    if (options.beatBaselinesIn && entry.baseline !== true) {
      const failure = baselineFilterFailure(entry, baselines, options.beatBaselinesIn)
      if (failure !== null) reasons.push(failure)
    }
    return { team: entry.team, entryId: entry.entryId ?? entry.team, eligible: reasons.length === 0, reasons }
  })
}

/** Copies verdicts (matched by entry id) onto scored entries as `eligible` / `ineligibleReasons`. */
export function applyEligibility<T extends ScoredEntry>(entries: readonly T[], verdicts: readonly EligibilityVerdict[]): T[] {
  const byId = new Map(verdicts.map((verdict) => [verdict.entryId, verdict]))
  return entries.map((entry) => {
    const verdict = byId.get(entry.entryId ?? entry.team)
    if (!verdict) throw new RangeError(`eligibility: no verdict for entry "${entry.entryId ?? entry.team}"`)
    return { ...entry, eligible: verdict.eligible, ineligibleReasons: verdict.reasons }
  })
}

/** Null when the entry beats the best baseline in at least one metric, else the reason. */
function baselineFilterFailure(
  entry: EligibilityFacts,
  baselines: readonly EligibilityFacts[],
  metrics: readonly MetricPriority[]
): string | null {
  const comparable: string[] = []
  for (const { metric, direction } of metrics) {
    const known = baselines.map((baseline) => valueOf(baseline, metric)).filter((v): v is number => v !== null)
    if (known.length === 0) continue
    comparable.push(metric)
    const bestBaseline = direction === 'higher' ? Math.max(...known) : Math.min(...known)
    const value = valueOf(entry, metric)
    if (value !== null && (direction === 'higher' ? value > bestBaseline : value < bestBaseline)) return null
  }
  const listed = metrics.map((m) => m.metric).join(', ')
  return comparable.length === 0
    ? `cannot compare with the baselines: no baseline has a value for ${listed}`
    : `not better than the baselines in any of: ${comparable.join(', ')}`
}
