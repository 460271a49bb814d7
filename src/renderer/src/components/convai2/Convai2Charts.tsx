import { ReferenceLine } from 'recharts'
import { CONVAI2_METRICS, type Convai2MetricInfo } from '../../../../shared/convai2'
import type { Convai2LeaderboardRow } from '../../../../shared/views'
import { SeBarChart, type SeBar } from '../common/SeBarChart'
import '../leaderboard/leaderboard.css'
import './convai2.css'

type Kind = 'best' | 'eligible' | 'ineligible'
interface Point extends SeBar {
  kind: Kind
}

const FILL: Record<Kind, string> = { best: 'var(--ok)', eligible: 'var(--accent)', ineligible: 'var(--muted)' }
/** Each baseline keeps its own dash pattern in every chart and in the legend. */
const DASHES = ['6 3', '2 3', '10 3 2 3']
const SHORT: Record<string, string> = { 'Seq2Seq + Attention': 'Seq2Seq', 'Language Model': 'LM', 'KV Profile Memory': 'KV' }

function MetricChart({
  info,
  teams,
  baselines
}: {
  info: Convai2MetricInfo
  teams: Convai2LeaderboardRow[]
  baselines: Convai2LeaderboardRow[]
}) {
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
    <SeBarChart
      className="lb-chart cv-chart"
      metric={info.metric}
      caption={
        <>
          <strong>{info.label}</strong>{' '}
          <span className="muted">
            {higher ? '↑ higher is better' : '↓ lower is better'}
            {info.displayScale === 100 ? ' · percent' : ''} · ± 1 SE · dashed: baselines
          </span>
        </>
      }
      summary={summary}
      empty={<>No team reports {info.label}.</>}
      footer={
        lines.length > 0 && (
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
        )
      }
      data={data}
      height={height}
      margin={{ top: 40, right: 28, bottom: 4, left: 8 }}
      xMax="auto"
      xTickFormatter={(v) => v.toFixed(0)}
      labelWidth={96}
      tooltip={(value, d) => [`${value.toFixed(2)} ± ${d.err.toFixed(2)}`, info.label]}
      bars={(d) => ({ fill: FILL[d.kind], fillOpacity: d.kind === 'ineligible' ? 0.45 : 0.9 })}
    >
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
    </SeBarChart>
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
