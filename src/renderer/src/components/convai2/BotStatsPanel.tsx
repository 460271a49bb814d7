import type { WildBotStats, WildStat } from '../../../../shared/convai2'
import type { TeamRow } from '../../../../shared/teams'
import { EmptyRow } from '../common/EmptyRow'
import { SeBarChart, type SeBar } from '../common/SeBarChart'
import { teamName } from './BotsPanel'
import { NO_SE_TITLE, wildStatText, type WildStatKind } from './format'
import '../leaderboard/leaderboard.css'
import './convai2.css'

interface Point extends SeBar {
  n: number
}

/** One rating has no standard error (drawn without a bar). */
const seText = (p: Point): string => (p.n < 2 ? 'no SE' : `± ${p.err.toFixed(2)}`)

function StatChart({ title, unit, max, data }: { title: string; unit: string; max: number; data: Point[] }) {
  return (
    <SeBarChart
      className="lb-chart cv-stat-chart"
      caption={
        <>
          <strong>{title}</strong> <span className="muted">mean ± 1 SE over rated dialogs</span>
        </>
      }
      summary={
        data.length === 0
          ? 'No rating yet.'
          : data.map((d) => `${d.label}: ${d.value.toFixed(2)}${unit} ${seText(d)}, n = ${d.n}`).join('; ')
      }
      empty="No rating yet."
      data={data}
      height={50 + Math.max(data.length, 1) * 24}
      xMax={max}
      labelWidth={70}
      tooltip={(value, p) => [`${value.toFixed(2)}${unit} ${seText(p)} (n = ${p.n})`, title]}
      bars={{ fill: 'var(--accent)', fillOpacity: 0.85 }}
    />
  )
}

function StatCell({ kind, stat }: { kind: WildStatKind; stat: WildStat | null | undefined }) {
  if (!stat) return <span className="muted">—</span>
  const { value, se } = wildStatText(kind, stat)
  return (
    <span className="c-metric">
      {value}{' '}
      {se === null ? (
        <span className="muted" title={NO_SE_TITLE}>
          no SE
        </span>
      ) : (
        `± ${se}`
      )}{' '}
      <span className="cv-n">n = {stat.n}</span>
    </span>
  )
}

/** Per-bot results of the wild evaluation: counts, mean quality, role-play accuracy, the bot's own msg_evaluation marks. */
export function BotStatsPanel({
  stats,
  names,
  teams
}: {
  stats: readonly WildBotStats[]
  names: ReadonlyMap<number, string>
  teams: ReadonlyMap<number, TeamRow>
}) {
  const label = (s: WildBotStats): string => names.get(s.botId) ?? s.name
  const quality = stats.flatMap((s) =>
    s.quality ? [{ label: label(s), value: s.quality.mean, err: s.quality.stderr ?? 0, n: s.quality.n }] : []
  )
  const roleplay = stats.flatMap((s) =>
    s.roleplay ? [{ label: label(s), value: s.roleplay.mean * 100, err: (s.roleplay.stderr ?? 0) * 100, n: s.roleplay.n }] : []
  )
  return (
    <>
      <div className="c-scroll-x">
        <table className="grid cv-grid" aria-label="Results per bot" data-testid="bot-stats">
          <thead>
            <tr>
              <th scope="col">Bot</th>
              <th scope="col">Team</th>
              <th scope="col" className="lb-num">
                Dialogs
              </th>
              <th scope="col" className="lb-num">
                Rated
              </th>
              <th scope="col" className="lb-num">
                Quality 1–5
              </th>
              <th scope="col" className="lb-num">
                Role-play
              </th>
              <th scope="col" className="lb-num">
                Messages <span className="lb-unit">human / bot</span>
              </th>
              <th scope="col" className="lb-num">
                Bot's msg_evaluation <span className="lb-unit">1s / marks</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.length === 0 && <EmptyRow columns={8}>No bot yet.</EmptyRow>}
            {stats.map((s) => (
              <tr key={s.botId} data-bot={s.name}>
                <th scope="row">
                  {label(s)} <span className="muted">· {s.name}</span>
                </th>
                <td>{teamName(teams, s.teamId)}</td>
                <td className="lb-num" data-testid="stat-dialogs">
                  {s.dialogs}
                </td>
                <td className="lb-num" data-testid="stat-rated">
                  {s.rated}
                  {s.ratedUnanswered > 0 && (
                    <span className="muted cv-small" title="Rated dialogs in which the bot never answered: left out of the means">
                      {' '}
                      (+{s.ratedUnanswered} unanswered)
                    </span>
                  )}
                </td>
                <td className="lb-num" data-testid="stat-quality">
                  <StatCell kind="quality" stat={s.quality} />
                </td>
                <td className="lb-num" data-testid="stat-roleplay">
                  <StatCell kind="roleplay" stat={s.roleplay} />
                </td>
                <td className="lb-num">
                  {s.humanMessages} / {s.botMessages}
                </td>
                <td className="lb-num">
                  {s.evaluations.positive} / {s.evaluations.n}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="cv-stat-charts">
        <StatChart title="Overall quality" unit="" max={5} data={quality} />
        <StatChart title="Role-play accuracy" unit="%" max={100} data={roleplay} />
      </div>
    </>
  )
}
