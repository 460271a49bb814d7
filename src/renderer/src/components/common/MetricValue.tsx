import type { MetricCell } from '../../../../shared/views'
import { NO_SE_TEXT, NO_SE_TOOLTIP } from '../../../../shared/labels'
import { formatNumber } from './format'
import './common.css'
import { metricDigits } from '../../../../shared/number-format'

/** `0.8833 ± 0.0414`: a metric value with its standard error, or "no SE" where the official script gives none. */
export function MetricValue({ cell, best = false }: { cell: MetricCell | null | undefined; best?: boolean }) {
  if (!cell) return <span className="c-metric c-metric-missing">—</span>
  const digits = metricDigits(cell.value)
  return (
    <span className={`c-metric${best ? ' c-metric-best' : ''}`}>
      <span className="c-metric-value">{formatNumber(cell.value, digits)}</span>
      {cell.stderr !== null && cell.stderr !== undefined ? (
        <span className="c-metric-se" title="standard error">
          {' '}
          ± {formatNumber(cell.stderr, digits)}
        </span>
      ) : (
        <span className="c-metric-se c-metric-no-se" title={NO_SE_TOOLTIP}>
          {' '}
          {NO_SE_TEXT}
        </span>
      )}
    </span>
  )
}
