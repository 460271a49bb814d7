import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { WildBotStats } from '../../../../shared/convai2'
import type { TeamRow } from '../../../../shared/teams'
import { teamName } from './BotsPanel'
import { formatQuality, formatRoleplay } from './format'

interface Point {
  label: string
  value: number
  err: number
  n: number
}

function StatChart({ title, unit, max, data }: { title: string; unit: string; max: number; data: Point[] }) {
  const height = 50 + Math.max(data.length, 1) * 24
  return (
    <figure className="lb-chart cv-stat-chart">
      <figcaption>
        <strong>{title}</strong> <span className="muted">mean ± 1 SE over rated dialogs</span>
      </figcaption>
      <p className="c-visually-hidden">
        {data.length === 0 ? 'No rating yet.' : data.map((d) => `${d.label}: ${d.value.toFixed(2)}${unit} ± ${d.err.toFixed(2)}, n = ${d.n}`).join('; ')}
      </p>
      <div style={{ height }} aria-hidden="true">
        {data.length === 0 ? (
          <p className="muted">No rating yet.</p>
        ) : (
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barCategoryGap={5}>
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis type="number" domain={[0, max]} tick={{ fill: 'var(--muted)', fontSize: 11 }} stroke="var(--border)" />
              <YAxis type="category" dataKey="label" width={70} tick={{ fill: 'var(--text)', fontSize: 11 }} stroke="var(--border)" interval={0} />
              <Tooltip
                cursor={{ fill: 'var(--c-tint-accent)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
                formatter={(value, _name, item) => {
                  const p = item.payload as Point
                  return [`${Number(value).toFixed(2)}${unit} ± ${p.err.toFixed(2)} (n = ${p.n})`, title]
                }}
              />
              <Bar dataKey="value" fill="var(--accent)" fillOpacity={0.85} isAnimationActive={false}>
                <ErrorBar dataKey="err" width={5} strokeWidth={1.5} stroke="var(--text)" direction="x" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
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
  const quality = stats.flatMap((s) => (s.quality ? [{ label: label(s), value: s.quality.mean, err: s.quality.stderr, n: s.quality.n }] : []))
  const roleplay = stats.flatMap((s) =>
    s.roleplay ? [{ label: label(s), value: s.roleplay.mean * 100, err: s.roleplay.stderr * 100, n: s.roleplay.n }] : []
  )
  return (
    <>
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
          {stats.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No bot yet.
              </td>
            </tr>
          )}
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
              </td>
              <td className="lb-num" data-testid="stat-quality">
                {s.quality ? (
                  <span className="c-metric">
                    {formatQuality(s.quality)} <span className="cv-n">n = {s.quality.n}</span>
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="lb-num" data-testid="stat-roleplay">
                {s.roleplay ? (
                  <span className="c-metric">
                    {formatRoleplay(s.roleplay)} <span className="cv-n">n = {s.roleplay.n}</span>
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
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
      <div className="cv-stat-charts">
        <StatChart title="Overall quality" unit="" max={5} data={quality} />
        <StatChart title="Role-play accuracy" unit="%" max={100} data={roleplay} />
      </div>
    </>
  )
}
