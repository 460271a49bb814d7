import { ReferenceLine } from 'recharts'
import type { MetricPriority } from '../../../../shared/challenge'
import type { TraceStep } from '../../../../shared/ranking'
import type { LeaderboardRow } from '../../../../shared/views'
import { formatNumber } from '../common/format'
import { SeBarChart, type SeBar } from '../common/SeBarChart'
import './leaderboard.css'

interface Point extends SeBar {
  kind: 'winner' | 'eligible' | 'ineligible' | 'baseline'
  focused: boolean
}

const FILL: Record<Point['kind'], string> = {
  winner: 'var(--ok)',
  eligible: 'var(--accent)',
  ineligible: 'var(--muted)',
  baseline: 'var(--warn)'
}

const kindOf = (row: LeaderboardRow): Point['kind'] =>
  row.baseline ? 'baseline' : row.winner ? 'winner' : row.eligible ? 'eligible' : 'ineligible'

function MetricChart({
  priority,
  rows,
  step,
  focusedTeamId
}: {
  priority: MetricPriority
  rows: readonly LeaderboardRow[]
  step: TraceStep | undefined
  focusedTeamId: number | null
}) {
  const data: Point[] = rows.flatMap((row) => {
    const cell = row.metrics[priority.metric]
    if (!cell) return []
    return [{ label: row.label, value: cell.value, err: cell.stderr ?? 0, kind: kindOf(row), focused: row.teamId === focusedTeamId }]
  })
  const height = 44 + Math.max(data.length, 1) * 26
  const higher = priority.direction === 'higher'
  const summary = data.map((d) => `${d.label} ${formatNumber(d.value)} ± ${formatNumber(d.err)}`).join('; ')
  return (
    <SeBarChart
      className="lb-chart"
      metric={priority.metric}
      caption={
        <>
          <code>{priority.metric}</code>{' '}
          <span className="muted">{higher ? '↑ higher is better' : '↓ lower is better'} · raw values ± 1 SE</span>
        </>
      }
      summary={summary}
      empty="No entry has this metric."
      data={data}
      height={height}
      xMax="auto"
      xTickFormatter={(v) => formatNumber(v, Math.abs(v) >= 10 ? 0 : 2)}
      labelWidth={118}
      tooltip={(value, d) => [`${formatNumber(value)} ± ${formatNumber(d.err)}`, priority.metric]}
      bars={(d) => ({
        fill: FILL[d.kind],
        fillOpacity: d.kind === 'ineligible' ? 0.45 : d.kind === 'baseline' ? 0.7 : 0.9,
        stroke: d.focused ? 'var(--text)' : 'none',
        strokeWidth: d.focused ? 2 : 0
      })}
    >
      {step?.threshold !== null && step?.threshold !== undefined && (
        <ReferenceLine
          x={step.threshold}
          stroke="var(--ok)"
          strokeDasharray="4 3"
          label={{ value: higher ? 'best − 1 SE' : 'best + 1 SE', position: 'top', fill: 'var(--ok)', fontSize: 10 }}
        />
      )}
    </SeBarChart>
  )
}

/** One bar chart per priority metric, with ± 1 SE error bars and the winner rule's bound. */
export function MetricCharts({
  priority,
  rows,
  trace,
  focusedTeamId
}: {
  priority: readonly MetricPriority[]
  rows: readonly LeaderboardRow[]
  trace: readonly TraceStep[]
  focusedTeamId: number | null
}) {
  return (
    <div className="lb-charts">
      <div className="lb-legend" aria-hidden="true">
        <span>
          <i style={{ background: FILL.winner }} /> winner
        </span>
        <span>
          <i style={{ background: FILL.eligible }} /> eligible
        </span>
        <span>
          <i style={{ background: FILL.ineligible, opacity: 0.45 }} /> ineligible
        </span>
        <span>
          <i style={{ background: FILL.baseline, opacity: 0.7 }} /> baseline
        </span>
        <span>
          <i className="lb-legend-line" /> bound of the winner rule (best ∓ 1 SE)
        </span>
      </div>
      <div className="lb-chart-grid">
        {priority.map((p) => (
          <MetricChart
            key={p.metric}
            priority={p}
            rows={rows}
            step={trace.find((s) => s.metric === p.metric)}
            focusedTeamId={focusedTeamId}
          />
        ))}
      </div>
    </div>
  )
}
