// The ConvAI2 leaderboard: team entries next to the ParlAI baselines, the best team per
// metric, the eligibility filter and the wild-evaluation slots. Pure: data in, view out.
//
// Rules (seed: convai2-validation-leaderboard.md, convai2-wild-evaluation.md):
// - baselines are shown but are not entries: never best, never eligible, never in the wild;
// - "best per metric" (the leaderboard's 🍎) is among teams only: highest Hits@1 and F1,
//   lowest PPL; exact ties mark every tied team;
// - eligibility = checkEligibility with beatBaselinesIn PPL, Hits@1, F1: "better scores in
//   at least one metric out of F1, PPL or hits compared to ParlAI baselines" = strictly
//   better than the best baseline having that metric; licence problems and organizer flags
//   also make an entry ineligible (same reasons as SIMMC);
// - "Up to 10 top solutions from current leaderboard are eligible for the wild evaluation":
//   teams are ordered as the public table is (F1, then Hits@1, then PPL; a missing value
//   sorts after any value; then by team name) and the first `wildSlots` ELIGIBLE entries are
//   selected. When the cut separates entries tied on all three metrics the name decides and
//   `wild.note` says so, for the organizer to resolve.

import {
  CONVAI2_BASELINES,
  CONVAI2_DIRECTIONS,
  CONVAI2_LEADERBOARD_ORDER,
  CONVAI2_WILD_SLOTS,
  type Convai2Baseline,
  type Convai2Metric,
  type Convai2Standing
} from '../../shared/convai2'
import type { EligibilityFacts, MetricPriority, MetricValue, ScoredEntry } from '../../shared/ranking'
import { checkEligibility } from '../ranking/eligibility'
import { compareNames, valueOf } from '../ranking/winner-rule'

const METRICS: readonly Convai2Metric[] = ['ppl', 'hits1', 'f1']

export interface Convai2Entry {
  team: string
  /** Tells entries of one team apart; defaults to `team`. */
  entryId?: string
  /** Podium units: fractions for hits1 and f1. Absent/null = not submitted ("-"). */
  metrics: Partial<Record<Convai2Metric, MetricValue | null>>
  licenceProblem?: string | null
  openSourced?: boolean
  flags?: string[]
}

export interface Convai2Row extends Convai2Standing<MetricValue> {
  team: string
  entryId: string
}

export interface Convai2Leaderboard {
  /** Teams in leaderboard order, then the baselines in their given order. */
  rows: Convai2Row[]
  best: Record<Convai2Metric, { value: number; teams: string[] } | null>
  wild: { slots: number; selected: string[]; note: string | null }
}

export interface Convai2LeaderboardOptions {
  baselines?: readonly Convai2Baseline[]
  wildSlots?: number
  order?: readonly MetricPriority[]
}

export function buildConvai2Leaderboard(entries: readonly Convai2Entry[], options: Convai2LeaderboardOptions = {}): Convai2Leaderboard {
  const baselines = options.baselines ?? CONVAI2_BASELINES
  const slots = options.wildSlots ?? CONVAI2_WILD_SLOTS
  const order = options.order ?? CONVAI2_LEADERBOARD_ORDER
  if (!Number.isInteger(slots) || slots < 0) throw new RangeError(`wildSlots must be a non-negative integer, got ${slots}`)

  const teamEntries: ScoredEntry[] = entries.map((e) => ({
    team: e.team,
    entryId: e.entryId ?? e.team,
    metrics: normalizeMetrics(e.metrics)
  }))
  const ids = new Set<string>()
  for (const e of teamEntries) {
    if (ids.has(e.entryId!)) throw new RangeError(`ConvAI2 leaderboard: entry "${e.entryId}" appears twice`)
    ids.add(e.entryId!)
  }
  const baselineEntries: ScoredEntry[] = baselines.map((b) => ({
    team: b.name,
    entryId: `baseline:${b.name}`,
    baseline: true,
    metrics: normalizeMetrics(Object.fromEntries(Object.entries(b.metrics).map(([k, v]) => [k, { value: v }])))
  }))

  const facts: EligibilityFacts[] = [
    ...entries.map((e, i) => ({
      team: e.team,
      entryId: teamEntries[i]!.entryId,
      licenceProblem: e.licenceProblem ?? null,
      ...(e.openSourced === undefined ? {} : { openSourced: e.openSourced }),
      flags: e.flags ?? [],
      metrics: teamEntries[i]!.metrics
    })),
    ...baselineEntries.map((b) => ({ team: b.team, entryId: b.entryId, baseline: true, metrics: b.metrics }))
  ]
  const verdicts = checkEligibility(facts, { beatBaselinesIn: [...CONVAI2_DIRECTIONS] })

  const best = bestPerMetric(teamEntries)
  const sorted = teamEntries
    .map((entry, i) => ({ entry, verdict: verdicts[i]! }))
    .sort((a, b) => compareByOrder(a.entry, b.entry, order) || compareNames(a.entry.team, b.entry.team))

  const eligibleSorted = sorted.filter((s) => s.verdict.eligible)
  const chosen = eligibleSorted.slice(0, slots)
  const lastIn = chosen[chosen.length - 1]
  const firstOut = eligibleSorted[slots]
  const note =
    lastIn && firstOut && compareByOrder(lastIn.entry, firstOut.entry, order) === 0
      ? `"${firstOut.entry.team}" ties with "${lastIn.entry.team}" (the last wild slot) on ${order.map((o) => o.metric).join(', ')}; the team name decided`
      : null
  const selected = chosen.map((s) => s.entry.entryId!)
  const wildSet = new Set(selected)

  const rows: Convai2Row[] = []
  let position = 0
  sorted.forEach(({ entry, verdict }, i) => {
    if (i === 0 || compareByOrder(sorted[i - 1]!.entry, entry, order) !== 0) position = i + 1
    rows.push({
      team: entry.team,
      entryId: entry.entryId!,
      baseline: false,
      metrics: asRowMetrics(entry.metrics),
      bestIn: METRICS.filter((m) => best[m] !== null && valueOf(entry, m) === best[m].value),
      beatsBaselinesIn: beatsBaselines(entry, baselineEntries),
      eligible: verdict.eligible,
      reasons: verdict.reasons,
      position,
      wild: wildSet.has(entry.entryId!)
    })
  })
  baselineEntries.forEach((entry, i) => {
    const verdict = verdicts[entries.length + i]!
    rows.push({
      team: entry.team,
      entryId: entry.entryId!,
      baseline: true,
      metrics: asRowMetrics(entry.metrics),
      bestIn: [],
      beatsBaselinesIn: [],
      eligible: false,
      reasons: verdict.reasons,
      position: null,
      wild: false
    })
  })
  return { rows, best, wild: { slots, selected: chosen.map((s) => s.entry.team), note } }
}

function normalizeMetrics(metrics: Partial<Record<string, MetricValue | null>>): ScoredEntry['metrics'] {
  const out: ScoredEntry['metrics'] = {}
  for (const m of METRICS) {
    const v = metrics[m]
    out[m] = v && typeof v.value === 'number' && Number.isFinite(v.value) ? v : null
  }
  return out
}

function asRowMetrics(metrics: ScoredEntry['metrics']): Record<Convai2Metric, MetricValue | null> {
  return { ppl: metrics.ppl ?? null, hits1: metrics.hits1 ?? null, f1: metrics.f1 ?? null }
}

const directionOf = (metric: string): 'higher' | 'lower' => CONVAI2_DIRECTIONS.find((d) => d.metric === metric)?.direction ?? 'higher'

function bestPerMetric(teams: readonly ScoredEntry[]): Convai2Leaderboard['best'] {
  const out = { ppl: null, hits1: null, f1: null } as Convai2Leaderboard['best']
  for (const m of METRICS) {
    const sign = directionOf(m) === 'higher' ? 1 : -1
    let bestValue: number | null = null
    for (const e of teams) {
      const v = valueOf(e, m)
      if (v !== null && (bestValue === null || sign * (v - bestValue) > 0)) bestValue = v
    }
    if (bestValue !== null) {
      const teamsAtBest = teams.filter((e) => valueOf(e, m) === bestValue).map((e) => e.team)
      out[m] = { value: bestValue, teams: [...new Set(teamsAtBest)].sort(compareNames) }
    }
  }
  return out
}

function beatsBaselines(entry: ScoredEntry, baselines: readonly ScoredEntry[]): Convai2Metric[] {
  return METRICS.filter((m) => {
    const known = baselines.map((b) => valueOf(b, m)).filter((v): v is number => v !== null)
    const v = valueOf(entry, m)
    if (known.length === 0 || v === null) return false
    return directionOf(m) === 'higher' ? v > Math.max(...known) : v < Math.min(...known)
  })
}

/** Negative when `a` comes first; values before missing values; 0 when equal on every key. */
function compareByOrder(a: ScoredEntry, b: ScoredEntry, order: readonly MetricPriority[]): number {
  for (const { metric, direction } of order) {
    const va = valueOf(a, metric)
    const vb = valueOf(b, metric)
    if (va === null && vb === null) continue
    if (va === null) return 1
    if (vb === null) return -1
    if (va !== vb) return direction === 'higher' ? vb - va : va - vb
  }
  return 0
}
