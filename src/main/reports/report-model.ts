// The anonymized ranking report as data: every format renders this one model.
import type { Challenge } from '../../shared/challenge'
import { metricLabel } from '../../shared/labels'
import type { TraceStep } from '../../shared/ranking'
import type { LeaderboardView } from '../../shared/views'
import { formatMetricNumber, formatWithStdError, metricDigits } from '../../shared/number-format'

export interface ReportRow {
  rank: number | null
  label: string
  baseline: boolean
  winner: boolean
  eligible: boolean
  note: string
  /** Per priority metric: value and std error (null when missing). */
  cells: Array<{ value: number | null; stderr: number | null }>
  extras?: string[]
}

/** A metric column: label (default: the key), printed scale (100 = percent) and decimals (default 4). */
export interface ReportMetric {
  metric: string
  direction: 'higher' | 'lower'
  label?: string
  scale?: number
  digits?: number
}

export interface ReportSection {
  title: string
  categoryId: string
  domain: string
  metrics: ReportMetric[]
  rows: ReportRow[]
  winners: string[]
  joint: boolean
  trace: TraceStep[]
  /** A board without winners (ConvAI2): this sentence replaces the winner line, the trace and ★. */
  rule?: string
  /** Extra text columns (ConvAI2 human scores) after the metrics; each row's `extras` fills them. */
  extraColumns?: string[]
}

export interface ReportModel {
  title: string
  challengeSlug: string
  deadline: string
  entryTag: string
  podiumVersion: string
  configSha256: string
  /** Name → sha256 of every gold and prediction file behind the numbers. */
  inputs: Array<{ name: string; sha256: string }>
  /** Why some inputs are not listed (anonymized reports keep the teams' prediction hashes private). */
  inputsNote?: string
  /**
   * Scoring settings the numbers depend on, one line each (e.g. "BLEU tokenized as nltk 3.5"), then
   * each evaluation's warnings ("Team 3, simmc-st1 fashion: 2 duplicate predictions counted twice...").
   */
  settings?: string[]
  anonymized: boolean
  sections: ReportSection[]
}

export function reportSection(view: LeaderboardView): ReportSection {
  const metrics = view.category.priority
  return {
    title: `${view.category.name} (${view.domain})`,
    categoryId: view.category.id,
    domain: view.domain,
    metrics: metrics.map((m) => ({ ...m, label: metricLabel(m.metric) })),
    rows: view.rows.map((row) => ({
      rank: row.rank,
      label: row.label,
      baseline: row.baseline,
      winner: row.winner,
      eligible: row.eligible,
      note: [
        row.baseline ? 'baseline' : row.eligible ? '' : `not eligible: ${row.reasons.join('; ')}`,
        row.attempted ? `partial entry, attempted: ${row.attempted}` : ''
      ]
        .filter((n) => n !== '')
        .join('; '),
      cells: metrics.map(({ metric }) => {
        const cell = row.metrics[metric]
        return { value: cell?.value ?? null, stderr: cell?.stderr ?? null }
      })
    })),
    winners: view.outcome.winners,
    joint: view.outcome.joint,
    trace: view.outcome.trace
  }
}

export function reportTitle(challenge: Challenge, anonymized: boolean): string {
  return `${challenge.name}: ${anonymized ? 'anonymized ' : ''}team rankings`
}

/** As the console prints it (src/shared/number-format.ts), in the metric's unit (scale 100: percent). */
export const formatValue = (value: number | null, metric?: ReportMetric): string =>
  value === null ? '—' : formatMetricNumber(value * (metric?.scale ?? 1), metric?.digits)
/** "value ± se", the standard error with its value's decimals, as the console's tables. */
export const formatCell = (c: { value: number | null; stderr: number | null }, metric?: ReportMetric): string => {
  if (c.value === null) return '—'
  const scale = metric?.scale ?? 1
  const value = c.value * scale
  return formatWithStdError(value, c.stderr === null ? null : c.stderr * scale, metric?.digits ?? metricDigits(value))
}

/** Column heading: "F1 (%) ↑". */
export const metricHeading = (m: ReportMetric): string =>
  `${m.label ?? m.metric}${m.scale === 100 ? ' (%)' : ''} ${m.direction === 'higher' ? '↑' : '↓'}`

/** The sentence under the title: what ★ means, when some board has winners. */
export function legendLine(model: Pick<ReportModel, 'deadline' | 'entryTag' | 'sections'>): string {
  const star = model.sections.some((s) => s.rule === undefined) ? " ★ marks the winner(s) by the challenge's rule." : ''
  return `Deadline ${model.deadline}, entry tag ${model.entryTag}.${star}`
}

export function winnerLine(section: ReportSection): string {
  if (section.rule !== undefined) return section.rule
  if (section.winners.length === 0) return 'No eligible entry.'
  return section.joint ? `Joint winners: ${section.winners.join(', ')}` : `Winner: ${section.winners[0]}`
}

/** One sentence per step of the winner rule. */
export function traceLines(section: ReportSection): string[] {
  if (section.rule !== undefined) return []
  return section.trace.map((step, i) => {
    if (!step.best) return `${i + 1}. ${metricLabel(step.metric)}: ${step.note ?? 'skipped'}`
    const bound = step.threshold === null ? 'each entry within its own standard error' : `threshold ${formatValue(step.threshold)}`
    const kept = step.stayed.map((s) => s.team).join(', ')
    const dropped = step.dropped.map((d) => `${d.team} (${d.reason})`).join(', ')
    return (
      `${i + 1}. ${metricLabel(step.metric)} (${step.direction} is better): best ${step.best.team} ${formatValue(step.best.value)}, ` +
      `${bound}; kept ${kept || 'none'}${dropped ? `; dropped ${dropped}` : ''}`
    )
  })
}
