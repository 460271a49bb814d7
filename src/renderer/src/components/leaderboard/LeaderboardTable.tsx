import { metricLabel } from '../../../../shared/labels'
import type { MetricPriority } from '../../../../shared/challenge'
import type { LeaderboardRow, RankingMethodName } from '../../../../shared/views'
import type { Range } from '../../search'
import { Badge } from '../common/Badge'
import { EmptyRow } from '../common/EmptyRow'
import { FlagButton } from '../common/FlagButton'
import { formatNumber } from '../common/format'
import { Highlight } from '../common/Highlight'
import { AppleIcon, TrophyIcon } from '../common/Icons'
import { MetricValue } from '../common/MetricValue'
import { rowKeys } from '../common/row-keys'
import './leaderboard.css'

export type Display = 'raw' | 'normalized'

export function scoreHeader(method: RankingMethodName, metric: string | undefined): string {
  switch (method) {
    case 'winner-rule':
      return `Order: ${metric ?? 'first metric'}`
    case 'single-metric':
      return `Score: ${metric ?? 'metric'}`
    case 'normalized-average':
      return 'Normalized average (0–100)'
    case 'average-rank':
      return 'Mean rank'
  }
}

export function LeaderboardTable({
  rows,
  priority,
  method,
  scoreMetric,
  display,
  joint,
  highlight,
  focusedTeamId,
  onFocusRow,
  onFlag
}: {
  rows: readonly LeaderboardRow[]
  priority: readonly MetricPriority[]
  method: RankingMethodName
  scoreMetric: string | undefined
  display: Display
  joint: boolean
  highlight(row: LeaderboardRow): (field: string, text: string) => Range[]
  focusedTeamId: number | null
  onFocusRow(teamId: number): void
  onFlag(row: LeaderboardRow, reason: string | null): Promise<void>
}) {
  // Under the winner rule the order is the first metric's value: a score column would repeat it.
  const showScore = method !== 'winner-rule'
  const columns = 4 + priority.length + (showScore ? 1 : 0)
  return (
    <table className={`grid lb-table${priority.length > 3 ? ' lb-compact' : ''}`} aria-label="Leaderboard">
      <thead>
        <tr>
          <th scope="col" className="lb-num">
            Rank
          </th>
          <th scope="col">Entry</th>
          {priority.map((p) => (
            <th scope="col" key={p.metric} className="lb-num">
              <span title={p.metric}>{metricLabel(p.metric)}</span> {p.direction === 'higher' ? '↑' : '↓'}
              <span className="c-visually-hidden">{p.direction === 'higher' ? ' higher is better' : ' lower is better'}</span>
              {display === 'normalized' && <span className="lb-unit"> 0–100</span>}
            </th>
          ))}
          {showScore && (
            <th scope="col" className="lb-num">
              {scoreHeader(method, scoreMetric)}
            </th>
          )}
          <th scope="col">Eligibility</th>
          <th scope="col">
            <span className="c-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && <EmptyRow columns={columns}>No entry matches.</EmptyRow>}
        {rows.map((row) => {
          const hl = highlight(row)
          const focused = row.teamId === focusedTeamId
          const classes = ['lb-row']
          if (row.baseline) classes.push('lb-baseline')
          if (row.winner) classes.push('lb-winner')
          if (!row.eligible && !row.baseline) classes.push('lb-ineligible')
          if (focused) classes.push('lb-focused')
          return (
            <tr
              key={row.teamId}
              className={classes.join(' ')}
              tabIndex={0}
              data-label={row.label}
              data-winner={row.winner ? 'true' : undefined}
              aria-current={focused ? 'true' : undefined}
              aria-label={`${row.label}${row.winner ? (joint ? ', joint winner' : ', winner') : ''}${row.baseline ? ', baseline' : ''}${!row.eligible && !row.baseline ? ', ineligible' : ''}`}
              onClick={() => onFocusRow(row.teamId)}
              onKeyDown={(e) => rowKeys(e, () => onFocusRow(row.teamId))}
            >
              <td className="lb-num lb-rank">{row.rank === null ? '—' : formatNumber(row.rank, Number.isInteger(row.rank) ? 0 : 1)}</td>
              <th scope="row" className="lb-entry">
                <span className="lb-label">
                  <Highlight text={row.label} ranges={hl('team', row.label)} />
                </span>
                {row.winner && (
                  <span className="lb-trophy" data-testid="winner-mark">
                    <Badge tone="ok">
                      <TrophyIcon /> {joint ? 'joint winner' : 'winner'}
                    </Badge>
                  </span>
                )}
                {row.baseline && <Badge tone="warn">baseline</Badge>}
                {row.flaggedReason && (
                  <Badge tone="danger" title={row.flaggedReason}>
                    ⚑ flagged
                  </Badge>
                )}
                {row.duplicate && row.duplicate !== 'distinct' && (
                  <span data-testid="duplicate-mark">
                    <Badge tone="danger" title="DUPLICATE_ENTRY: shares its commit or prediction files with another team">
                      {row.duplicate === 'pending' ? 'duplicate?' : 'duplicate'}
                    </Badge>
                  </span>
                )}
              </th>
              {priority.map((p) => {
                const best = row.bestIn.includes(p.metric)
                return (
                  <td key={p.metric} className={`lb-num${best ? ' lb-best' : ''}`} data-metric={p.metric}>
                    {display === 'raw' ? (
                      <MetricValue cell={row.metrics[p.metric]} best={best} />
                    ) : (
                      <span className={`c-metric${best ? ' c-metric-best' : ''}`}>
                        <span className="c-metric-value">{formatNumber(row.normalized[p.metric], 1)}</span>
                      </span>
                    )}
                    {best && (
                      <span className="lb-apple" title={`best team on ${metricLabel(p.metric)}`} data-testid="best-mark">
                        {' '}
                        <AppleIcon title={`best on ${metricLabel(p.metric)}`} />
                      </span>
                    )}
                  </td>
                )
              })}
              {showScore && (
                <td className="lb-num lb-score">
                  {formatNumber(row.score, method === 'normalized-average' ? 1 : method === 'average-rank' ? 2 : undefined)}
                </td>
              )}
              <td className="lb-reasons">
                {row.baseline ? (
                  <span className="muted">baseline: shown, never ranked</span>
                ) : row.eligible ? (
                  <span className="lb-ok">eligible</span>
                ) : (
                  <ul>
                    {row.reasons.map((r) => (
                      <li key={r} title={r}>
                        <Highlight text={r} ranges={hl('reason', r).concat(hl('code', r))} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="lb-actions">
                {!row.baseline && (
                  <FlagButton compact who={row.label} flaggedReason={row.flaggedReason} onSave={(reason) => onFlag(row, reason)} />
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
