// The subtask-1 action confusion matrix as a heat map. It is a real <table> (row and column
// headers, a caption, one count per cell), so screen readers and copy-paste get the numbers;
// the colour (green on the diagonal, red off it, stronger with the count) is only a visual aid.
import { memo, type CSSProperties } from 'react'
import type { ConfusionMatrix } from '../../../../shared/scoring'
import './errors.css'

export const ConfusionHeatmap = memo(function ConfusionHeatmap({
  confusion,
  caption,
  onSelectCell
}: {
  confusion: ConfusionMatrix
  caption: string
  /** Shows the examples of one cell in the table (cells with a count are buttons). */
  onSelectCell?: (gold: string, predicted: string) => void
}) {
  const { labels, counts } = confusion
  const max = Math.max(1, ...counts.flat())
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0))
  const colTotals = labels.map((_, j) => counts.reduce((sum, row) => sum + (row[j] ?? 0), 0))
  const all = rowTotals.reduce((a, b) => a + b, 0)
  const correct = labels.reduce((sum, _, i) => sum + (counts[i]?.[i] ?? 0), 0)
  return (
    <div className="ea-heatmap-wrap">
      <table className="ea-heatmap" aria-label={caption}>
        <caption>
          {caption}: rows are gold actions, columns predicted actions. {correct} of {all} correct.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="ea-heat-corner">
              <span className="ea-heat-axis">gold ↓ / predicted →</span>
            </th>
            {labels.map((label) => (
              <th key={label} scope="col" className="ea-heat-col" title={label}>
                <span>{label}</span>
              </th>
            ))}
            <th scope="col" className="ea-heat-total">
              Total
            </th>
            <th scope="col" className="ea-heat-total">
              Recall
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map((gold, i) => (
            <tr key={gold}>
              <th scope="row" className="ea-heat-row" title={gold}>
                {gold}
              </th>
              {labels.map((predicted, j) => {
                const count = counts[i]?.[j] ?? 0
                const heat = count / max
                const diagonal = i === j
                const className = [
                  'ea-heat-cell',
                  diagonal ? 'ea-heat-hit' : 'ea-heat-miss',
                  count === 0 ? 'ea-heat-zero' : '',
                  heat > 0.55 ? 'ea-heat-strong' : ''
                ]
                  .filter(Boolean)
                  .join(' ')
                return (
                  <td
                    key={predicted}
                    className={className}
                    style={{ '--heat': heat.toFixed(3) } as CSSProperties}
                    title={`gold ${gold}, predicted ${predicted}: ${count}`}
                    data-gold={gold}
                    data-predicted={predicted}
                  >
                    {onSelectCell && count > 0 ? (
                      <button
                        type="button"
                        className="ea-heat-button"
                        aria-label={`Show the ${count} examples with gold ${gold} predicted as ${predicted}`}
                        onClick={() => onSelectCell(gold, predicted)}
                      >
                        {count}
                      </button>
                    ) : (
                      count
                    )}
                  </td>
                )
              })}
              <td className="ea-heat-total">{rowTotals[i]}</td>
              <td className="ea-heat-total">{rowTotals[i] ? `${Math.round(((counts[i]?.[i] ?? 0) / rowTotals[i]!) * 100)}%` : '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="ea-heat-row">
              Total
            </th>
            {colTotals.map((n, j) => (
              <td key={labels[j]} className="ea-heat-total">
                {n}
              </td>
            ))}
            <td className="ea-heat-total">{all}</td>
            <td className="ea-heat-total">{all ? `${Math.round((correct / all) * 100)}%` : '—'}</td>
          </tr>
        </tfoot>
      </table>
      <div className="ea-heat-legend" aria-hidden="true">
        <span>Correct</span>
        <span>0</span>
        <span className="ea-heat-ramp ea-heat-ramp-hit" />
        <span>{max}</span>
        <span className="ea-heat-legend-gap">Confused</span>
        <span>0</span>
        <span className="ea-heat-ramp ea-heat-ramp-miss" />
        <span>{max}</span>
      </div>
    </div>
  )
})
