import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { CONVAI2_METRICS, type Convai2MetricInfo } from '../../../../shared/convai2'
import type { Convai2LeaderboardRow } from '../../../../shared/views'

type Kind = 'best' | 'eligible' | 'ineligible'
interface Point {
  label: string
  value: number
  err: number
  kind: Kind
}

const FILL: Record<Kind, string> = { best: 'var(--ok)', eligible: 'var(--accent)', ineligible: 'var(--muted)' }
/** Each baseline keeps its own dash pattern in every chart and in the legend. */
const DASHES = ['6 3', '2 3', '10 3 2 3']
const SHORT: Record<string, string> = { 'Seq2Seq + Attention': 'Seq2Seq', 'Language Model': 'LM', 'KV Profile Memory': 'KV' }

function MetricChart({ info, teams, baselines }: { info: Convai2MetricInfo; teams: Convai2LeaderboardRow[]; baselines: Convai2LeaderboardRow[] }) {
  const data: Point[] = teams.flatMap((row) => {
    const cell = row.metrics[info.metric]
    if (!cell) return []
    const kind: Kind = row.bestIn.includes(info.metric) ? 'best' : row.eligible ? 'eligible' : 'ineligible'
    return [{ label: row.label, value: cell.value * info.displayScale, err: (cell.stderr ?? 0) * info.displayScale, kind }]
  })
  const lines = baselines.flatMap((row, i) => {
    const cell = row.metrics[info.metric]
    return cell ? [{ name: row.label, value: cell.value * info.displayScale, dash: DASHES[i % DASHES.length]! }] : []
  })
  const height = 70 + Math.max(data.length, 1) * 26
  const higher = info.direction === 'higher'
  const summary = [
    ...data.map((d) => `${d.label} ${d.value.toFixed(2)} ± ${d.err.toFixed(2)}`),
    ...lines.map((l) => `baseline ${l.name} ${l.value.toFixed(2)}`)
  ].join('; ')
  return (
    <figure className="lb-chart cv-chart" data-metric={info.metric}>
      <figcaption>
        <strong>{info.label}</strong>{' '}
        <span className="muted">
          {higher ? '↑ higher is better' : '↓ lower is better'}
          {info.displayScale === 100 ? ' · percent' : ''} · ± 1 SE · dashed: baselines
        </span>
      </figcaption>
      <p className="c-visually-hidden">{summary}</p>
      <div style={{ height }} aria-hidden="true">
        {data.length === 0 ? (
          <p className="muted">No team reports {info.label}.</p>
        ) : (
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={{ top: 40, right: 28, bottom: 4, left: 8 }} barCategoryGap={5}>
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis
                type="number"
                domain={[0, 'auto']}
                tick={{ fill: 'var(--muted)', fontSize: 11 }}
                stroke="var(--border)"
                tickFormatter={(v: number) => v.toFixed(0)}
              />
              <YAxis type="category" dataKey="label" width={96} tick={{ fill: 'var(--text)', fontSize: 11 }} stroke="var(--border)" interval={0} />
              <Tooltip
                cursor={{ fill: 'var(--c-tint-accent)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
                formatter={(value, _name, item) => [`${Number(value).toFixed(2)} ± ${(item.payload as Point).err.toFixed(2)}`, info.label]}
              />
              {lines.map((l, i) => (
                <ReferenceLine
                  key={l.name}
                  x={l.value}
                  ifOverflow="extendDomain"
                  stroke="var(--warn)"
                  strokeWidth={1.5}
                  strokeDasharray={l.dash}
                  // Staggered labels: baselines close to each other stay readable.
                  label={{ value: SHORT[l.name] ?? l.name, position: 'top', offset: 4 + i * 12, fill: 'var(--warn)', fontSize: 10 }}
                />
              ))}
              <Bar dataKey="value" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.label} fill={FILL[d.kind]} fillOpacity={d.kind === 'ineligible' ? 0.45 : 0.9} />
                ))}
                <ErrorBar dataKey="err" width={5} strokeWidth={1.5} stroke="var(--text)" direction="x" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      {lines.length > 0 && (
        <p className="cv-chart-baselines muted">
          {lines.map((l) => (
            <span key={l.name}>
              <svg width="22" height="6" aria-hidden="true">
                <line x1="0" y1="3" x2="22" y2="3" stroke="var(--warn)" strokeWidth="1.5" strokeDasharray={l.dash} />
              </svg>{' '}
              {l.name} {l.value.toFixed(2)}
            </span>
          ))}
        </p>
      )}
    </figure>
  )
}

/** One chart per metric (PPL, Hits@1, F1), teams as bars ± 1 SE, the baselines as dashed lines. */
export function Convai2Charts({ rows }: { rows: readonly Convai2LeaderboardRow[] }) {
  const teams = rows.filter((r) => !r.baseline)
  const baselines = rows.filter((r) => r.baseline)
  return (
    <div className="lb-charts">
      <div className="lb-legend" aria-hidden="true">
        <span>
          <i style={{ background: FILL.best }} /> best team on the metric
        </span>
        <span>
          <i style={{ background: FILL.eligible }} /> eligible
        </span>
        <span>
          <i style={{ background: FILL.ineligible, opacity: 0.45 }} /> not eligible
        </span>
      </div>
      <div className="lb-chart-grid cv-chart-grid">
        {CONVAI2_METRICS.map((info) => (
          <MetricChart key={info.metric} info={info} teams={teams} baselines={baselines} />
        ))}
      </div>
    </div>
  )
}
