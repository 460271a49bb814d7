// Histogram of per-example scores (or gold ranks for retrieval) from evaluations.get
// `.distribution`; a second team's bars beside the first when comparing. The numbers are
// also in a visually hidden table for screen readers.
import { memo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import type { EvaluationDetail } from '../../../../shared/views'
import '../common/common.css'
import './errors.css'

type Distribution = EvaluationDetail['distribution']

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

/** Memoized: its props are stable, so scrolling the table never redraws the chart. */
export const ScoreDistribution = memo(function ScoreDistribution({
  title,
  labelA,
  distA,
  labelB,
  distB
}: {
  title: string
  labelA: string
  distA: Distribution
  labelB?: string | undefined
  distB?: Distribution | undefined
}) {
  const a = { label: labelA }
  const b = distB ? { label: labelB ?? 'Other team' } : undefined
  const data = distA.map((d, i) => ({
    bin: d.bin,
    a: d.count,
    ...(distB ? { b: distB.find((x) => x.bin === d.bin)?.count ?? distB[i]?.count ?? 0 } : {})
  }))
  return (
    <figure className="ea-distribution" aria-label={title}>
      <div className="ea-distribution-chart">
        <BarChart
          responsive
          style={{ width: '100%', height: '100%' }}
          data={data}
          margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
          accessibilityLayer
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="bin" tickLine={false} interval={0} stroke="var(--border)" tick={{ fill: 'var(--muted)', fontSize: 11 }} />
          <YAxis
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={48}
            tick={{ fill: 'var(--muted)', fontSize: 11 }}
            tickFormatter={(n: number) => compact.format(n)}
          />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.35 }}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' }}
            labelStyle={{ color: 'var(--muted)' }}
          />
          {b && <Legend itemSorter={null} wrapperStyle={{ fontSize: 12, color: 'var(--text)' }} />}
          <Bar dataKey="a" name={a.label} fill="var(--accent)" isAnimationActive={false} radius={[3, 3, 0, 0]} />
          {b && <Bar dataKey="b" name={b.label} fill="var(--warn)" isAnimationActive={false} radius={[3, 3, 0, 0]} />}
        </BarChart>
      </div>
      <figcaption className="muted">{title}: number of examples per bin.</figcaption>
      <table className="c-visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Bin</th>
            <th scope="col">{a.label}</th>
            {b && <th scope="col">{b.label}</th>}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.bin}>
              <th scope="row">{d.bin}</th>
              <td>{d.a}</td>
              {b && <td>{'b' in d ? d.b : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
})
