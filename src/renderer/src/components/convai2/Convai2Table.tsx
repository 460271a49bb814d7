import { CONVAI2_BASELINES, CONVAI2_METRICS, type Convai2Metric, type WildStat } from '../../../../shared/convai2'
import type { Convai2LeaderboardRow } from '../../../../shared/views'
import { Badge } from '../common/Badge'
import { EmptyRow } from '../common/EmptyRow'
import { AppleIcon } from '../common/Icons'
import { convai2Cell, wildStatText, NO_SE_TITLE, type WildStatKind } from './format'
import '../leaderboard/leaderboard.css'
import './convai2.css'

const METRIC_LABEL = Object.fromEntries(CONVAI2_METRICS.map((m) => [m.metric, m.label])) as Record<Convai2Metric, string>
const list = (metrics: readonly Convai2Metric[]): string => metrics.map((m) => METRIC_LABEL[m]).join(', ')

function MetricCellView({ row, metric }: { row: Convai2LeaderboardRow; metric: Convai2Metric }) {
  const { value, se } = convai2Cell(metric, row.metrics[metric])
  const best = row.bestIn.includes(metric)
  return (
    <td className={`lb-num${best ? ' lb-best' : ''}`} data-metric={metric}>
      <span className={`c-metric${best ? ' c-metric-best' : ''}`}>
        <span className="c-metric-value">{value}</span>
        {/* Baselines come without a standard error; teams always have one. */}
        {se !== null && <span className="c-metric-se"> ± {se}</span>}
      </span>
      <span className="cv-apple-slot">
        {best && (
          <span data-testid="best-mark" title={`best team on ${METRIC_LABEL[metric]}`}>
            <AppleIcon title={`best on ${METRIC_LABEL[metric]}`} />
          </span>
        )}
      </span>
    </td>
  )
}

function HumanValue({ kind, stat }: { kind: WildStatKind; stat: WildStat }) {
  const { value, se } = wildStatText(kind, stat)
  return (
    <span className="c-metric">
      <span className="c-metric-value">{value}</span>
      {se === null ? (
        <span className="c-metric-se muted" title={NO_SE_TITLE}>
          {' '}
          no SE
        </span>
      ) : (
        <span className="c-metric-se"> ± {se}</span>
      )}
      <span className="cv-n"> n = {stat.n}</span>
    </span>
  )
}

function HumanCells({ row }: { row: Convai2LeaderboardRow }) {
  if (!row.human) {
    return (
      <>
        <td className="lb-num muted" data-testid="human-quality">
          —
        </td>
        <td className="lb-num muted">—</td>
      </>
    )
  }
  const { quality, roleplay } = row.human
  return (
    <>
      <td className="lb-num" data-testid="human-quality">
        {quality ? (
          <HumanValue kind="quality" stat={quality} />
        ) : (
          <span className="muted" title="The team has a bot in the wild evaluation, not rated yet">
            not rated yet
          </span>
        )}
      </td>
      <td className="lb-num" data-testid="human-roleplay">
        {roleplay ? <HumanValue kind="roleplay" stat={roleplay} /> : <span className="muted">—</span>}
      </td>
    </>
  )
}

/** The validation-leaderboard table: teams in the public order, then the ParlAI baselines. */
export function Convai2Table({ rows, slots }: { rows: readonly Convai2LeaderboardRow[]; slots: number }) {
  const teams = rows.filter((r) => !r.baseline)
  const baselines = rows.filter((r) => r.baseline)
  const wildOrder = new Map(teams.filter((r) => r.wild).map((r, i) => [r.label, i + 1]))
  const columns = 9
  return (
    <table className="grid lb-table cv-table" aria-label="ConvAI2 leaderboard">
      <thead>
        <tr>
          <th scope="col" rowSpan={2} className="lb-num">
            #
          </th>
          <th scope="col" rowSpan={2}>
            Model / team
          </th>
          {CONVAI2_METRICS.map((m) => (
            <th scope="col" rowSpan={2} key={m.metric} className="lb-num">
              {m.label} {m.direction === 'higher' ? '↑' : '↓'}
              <span className="c-visually-hidden">{m.direction === 'higher' ? ', higher is better' : ', lower is better'}</span>
              {m.displayScale === 100 && <span className="lb-unit"> %</span>}
            </th>
          ))}
          <th scope="col" rowSpan={2}>
            Eligibility
          </th>
          <th scope="col" rowSpan={2}>
            Wild evaluation
          </th>
          <th scope="colgroup" colSpan={2} className="cv-group">
            Human evaluation
          </th>
        </tr>
        <tr>
          <th scope="col" className="lb-num">
            Quality 1–5
          </th>
          <th scope="col" className="lb-num">
            Role-play
          </th>
        </tr>
      </thead>
      <tbody>
        {teams.length === 0 && <EmptyRow columns={columns}>No scored entry yet: run intake on the Submissions page.</EmptyRow>}
        {teams.map((row) => {
          const classes = ['cv-row']
          if (!row.eligible) classes.push('lb-ineligible')
          if (row.wild) classes.push('cv-wild')
          const slot = wildOrder.get(row.label)
          return (
            <tr
              key={row.label}
              className={classes.join(' ')}
              data-label={row.label}
              data-eligible={row.eligible ? 'true' : 'false'}
              data-wild={row.wild ? 'true' : undefined}
            >
              <td className="lb-num lb-rank">{row.position ?? '—'}</td>
              <th scope="row" className="lb-entry">
                <span className="lb-label">{row.label}</span>
              </th>
              {CONVAI2_METRICS.map((m) => (
                <MetricCellView key={m.metric} row={row} metric={m.metric} />
              ))}
              <td className="lb-reasons">
                {row.eligible ? (
                  <>
                    <span className="lb-ok">eligible</span>
                    <span className="muted"> · beats the baselines in {list(row.beatsBaselinesIn)}</span>
                  </>
                ) : (
                  <ul data-testid="ineligible-reasons">
                    {row.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {slot !== undefined ? (
                  <span data-testid="wild-slot">
                    <Badge tone="accent">
                      slot {slot} of {slots}
                    </Badge>
                  </span>
                ) : (
                  <span className="muted">{row.eligible ? 'no slot left' : '—'}</span>
                )}
              </td>
              <HumanCells row={row} />
            </tr>
          )
        })}
      </tbody>
      <tbody className="cv-baselines">
        <tr className="cv-baseline-head">
          <th scope="colgroup" colSpan={columns}>
            ParlAI team's baselines: shown for reference, not entries into the competition
          </th>
        </tr>
        {baselines.map((row) => {
          const url = CONVAI2_BASELINES.find((b) => b.name === row.label)?.url
          return (
            <tr key={row.label} className="lb-baseline" data-label={row.label} data-baseline="true">
              <td className="lb-num lb-rank">—</td>
              <th scope="row" className="lb-entry">
                <span className="lb-label">
                  {url ? (
                    <a href={url} target="_blank" rel="noreferrer">
                      {row.label}
                    </a>
                  ) : (
                    row.label
                  )}
                </span>{' '}
                <Badge tone="warn">baseline</Badge>
              </th>
              {CONVAI2_METRICS.map((m) => (
                <MetricCellView key={m.metric} row={row} metric={m.metric} />
              ))}
              <td className="lb-reasons muted">baseline, not an entry</td>
              <td className="muted">—</td>
              <td className="lb-num muted">—</td>
              <td className="lb-num muted">—</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
