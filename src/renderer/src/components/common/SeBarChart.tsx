import type { ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis, type Margin } from 'recharts'
import './common.css'

/** One bar: a mean and its standard error. */
export interface SeBar {
  label: string
  value: number
  err: number
}

/** The fill of a bar, and the outline that marks a focused one. */
export interface BarStyle {
  fill: string
  fillOpacity: number
  stroke?: string
  strokeWidth?: number
}

const MARGIN: Margin = { top: 4, right: 24, bottom: 4, left: 8 }

/**
 * A figure of horizontal bars, one per entry, each ± 1 standard error. Screen readers get the
 * numbers (`summary`); the picture is for the eyes. `children` (reference lines) go under the bars.
 */
export function SeBarChart<P extends SeBar>({
  className,
  metric,
  caption,
  summary,
  empty,
  footer,
  data,
  height,
  margin = MARGIN,
  xMax,
  xTickFormatter,
  labelWidth,
  tooltip,
  bars,
  children
}: {
  className: string
  /** The figure's data-metric, for a chart of one metric. */
  metric?: string
  caption: ReactNode
  summary: string
  /** Shown instead of the chart when there is no bar. */
  empty: ReactNode
  /** Below the chart, inside the figure. */
  footer?: ReactNode
  data: P[]
  height: number
  margin?: Margin
  /** The value axis runs from 0 to this. */
  xMax: number | 'auto'
  xTickFormatter?: (value: number) => string
  /** The width of the entry names' axis. */
  labelWidth: number
  /** The tooltip's text and name for a bar. */
  tooltip(value: number, point: P): [string, string]
  /** One style for every bar, or each bar's own. */
  bars: BarStyle | ((point: P) => BarStyle)
  children?: ReactNode
}) {
  return (
    <figure className={className} data-metric={metric}>
      <figcaption>{caption}</figcaption>
      <p className="c-visually-hidden">{summary}</p>
      <div style={{ height }} aria-hidden="true">
        {data.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={margin} barCategoryGap={5}>
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis
                type="number"
                domain={[0, xMax]}
                tick={{ fill: 'var(--muted)', fontSize: 11 }}
                stroke="var(--border)"
                tickFormatter={xTickFormatter}
              />
              <YAxis
                type="category"
                dataKey="label"
                width={labelWidth}
                tick={{ fill: 'var(--text)', fontSize: 11 }}
                stroke="var(--border)"
                interval={0}
              />
              <Tooltip
                cursor={{ fill: 'var(--c-tint-accent)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
                formatter={(value, _name, item) => tooltip(Number(value), item.payload as P)}
              />
              {children}
              <Bar dataKey="value" isAnimationActive={false} {...(typeof bars === 'function' ? {} : bars)}>
                {typeof bars === 'function' && data.map((d) => <Cell key={d.label} {...bars(d)} />)}
                <ErrorBar dataKey="err" width={5} strokeWidth={1.5} stroke="var(--text)" direction="x" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      {footer}
    </figure>
  )
}
