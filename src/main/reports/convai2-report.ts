// The ConvAI2 report section: the console's ConvAI2 leaderboard in print. Pure.
// ConvAI2 has no winner on this board (no SIMMC 1-SE rule, no ★): eligible entries go to the wild
// evaluation; values are in the leaderboard's units (Hits@1 and F1 in percent).
import { CONVAI2_METRICS, type WildStat } from '../../shared/convai2'
import type { Convai2LeaderboardView } from '../../shared/views'
import type { ReportSection } from './report-model'

const stat = (s: WildStat | null | undefined, percent: boolean): string => {
  if (!s) return '—'
  const f = (v: number): string => (percent ? `${(v * 100).toFixed(0)}%` : v.toFixed(2))
  return `${f(s.mean)}${s.stderr === null ? ' (no SE)' : ` ± ${f(s.stderr)}`} (n = ${s.n})`
}

export function convai2Section(view: Convai2LeaderboardView): ReportSection {
  const rule =
    `No winner on this leaderboard: an entry is eligible when it beats the ParlAI baselines in at least one of PPL, Hits@1, F1; ` +
    `up to ${view.wild.slots} eligible entries go to the wild (human) evaluation.` +
    (view.wild.note ? ` ${view.wild.note}` : '')
  return {
    title: 'ConvAI2 validation leaderboard',
    categoryId: 'convai2',
    domain: 'validation',
    metrics: CONVAI2_METRICS.map((m) => ({ metric: m.metric, direction: m.direction, label: m.label, scale: m.displayScale, digits: 2 })),
    rows: view.rows.map((row) => ({
      rank: row.position,
      label: row.label,
      baseline: row.baseline,
      winner: false,
      eligible: row.eligible,
      note: row.baseline
        ? 'ParlAI baseline (not an entry)'
        : [row.eligible ? '' : `not eligible: ${row.reasons.join('; ')}`, row.wild ? 'wild evaluation slot' : '']
            .filter((n) => n !== '')
            .join('; '),
      cells: CONVAI2_METRICS.map((m) => ({ value: row.metrics[m.metric]?.value ?? null, stderr: row.metrics[m.metric]?.stderr ?? null })),
      extras: [stat(row.human?.quality, false), stat(row.human?.roleplay, true)]
    })),
    winners: [],
    joint: false,
    trace: [],
    rule,
    extraColumns: ['Human quality (1-5)', 'Role-play accuracy']
  }
}
