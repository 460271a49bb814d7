import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { MetricPriority } from '../../../../shared/challenge'
import type { TraceStep } from '../../../../shared/ranking'
import type { LeaderboardRow } from '../../../../shared/views'
import { formatNumber } from '../common/format'

interface Point {
  label: string
  value: number
  err: number
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
    <figure className="lb-chart" data-metric={priority.metric}>
      <figcaption>
        <code>{priority.metric}</code> <span className="muted">{higher ? '↑ higher is better' : '↓ lower is better'} · raw values ± 1 SE</span>
      </figcaption>
      {/* Screen readers get the numbers; the picture is for the eyes. */}
      <p className="c-visually-hidden">{summary}</p>
      <div style={{ height }} aria-hidden="true">
        {data.length === 0 ? (
          <p className="muted">No entry has this metric.</p>
        ) : (
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barCategoryGap={5}>
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis
                type="number"
                domain={[0, 'auto']}
                tick={{ fill: 'var(--muted)', fontSize: 11 }}
                stroke="var(--border)"
                tickFormatter={(v: number) => formatNumber(v, Math.abs(v) >= 10 ? 0 : 2)}
              />
              <YAxis
                type="category"
                dataKey="label"
                width={118}
                tick={{ fill: 'var(--text)', fontSize: 11 }}
                stroke="var(--border)"
                interval={0}
              />
              <Tooltip
                cursor={{ fill: 'var(--c-tint-accent)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
                formatter={(value, _name, item) => [`${formatNumber(Number(value))} ± ${formatNumber((item.payload as Point).err)}`, priority.metric]}
              />
              {step?.threshold !== null && step?.threshold !== undefined && (
                <ReferenceLine
                  x={step.threshold}
                  stroke="var(--ok)"
                  strokeDasharray="4 3"
                  label={{ value: higher ? 'best − 1 SE' : 'best + 1 SE', position: 'top', fill: 'var(--ok)', fontSize: 10 }}
                />
              )}
              <Bar dataKey="value" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell
                    key={d.label}
                    fill={FILL[d.kind]}
                    fillOpacity={d.kind === 'ineligible' ? 0.45 : d.kind === 'baseline' ? 0.7 : 0.9}
                    stroke={d.focused ? 'var(--text)' : 'none'}
                    strokeWidth={d.focused ? 2 : 0}
                  />
                ))}
                <ErrorBar dataKey="err" width={5} strokeWidth={1.5} stroke="var(--text)" direction="x" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
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
        <span><i style={{ background: FILL.winner }} /> winner</span>
        <span><i style={{ background: FILL.eligible }} /> eligible</span>
        <span><i style={{ background: FILL.ineligible, opacity: 0.45 }} /> ineligible</span>
        <span><i style={{ background: FILL.baseline, opacity: 0.7 }} /> baseline</span>
        <span><i className="lb-legend-line" /> bound of the winner rule (best ∓ 1 SE)</span>
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
