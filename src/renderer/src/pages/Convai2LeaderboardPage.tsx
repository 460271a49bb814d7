import { useId, useState } from 'react'
import { CONVAI2_METRICS, formatConvai2 } from '../../../shared/convai2'
import type { Convai2LeaderboardView } from '../../../shared/views'
import { AppleIcon } from '../components/common/Icons'
import { Convai2Charts } from '../components/convai2/Convai2Charts'
import { Convai2Table } from '../components/convai2/Convai2Table'
import { RealNamesToggle } from '../components/leaderboard/RealNamesToggle'
import { usePodiumEvents } from '../use-events'
import { useApi } from '../use-api'
import '../components/common/common.css'
import '../components/leaderboard/leaderboard.css'
import '../components/convai2/convai2.css'

function Summary({ view }: { view: Convai2LeaderboardView }) {
  const teams = view.rows.filter((r) => !r.baseline)
  if (teams.length === 0) return <span className="muted">No scored entry yet: run intake on the Submissions page.</span>
  const wild = teams.filter((r) => r.wild).length
  return (
    <>
      <span className="cv-summary-best">
        <AppleIcon /> Best:{' '}
        {CONVAI2_METRICS.map((m, i) => {
          const best = teams.filter((r) => r.bestIn.includes(m.metric))
          return (
            <span key={m.metric}>
              {i > 0 && ' · '}
              {m.label}{' '}
              {best.length === 0 ? (
                <span className="muted">no entry</span>
              ) : (
                <strong>
                  {formatConvai2(m.metric, best[0]!.metrics[m.metric]?.value)} ({best.map((r) => r.label).join(', ')})
                </strong>
              )}
            </span>
          )
        })}
      </span>
      <span data-testid="wild-summary">
        Wild evaluation: {wild} of {view.wild.slots} slots filled by eligible teams
        {view.wild.note && <span className="cv-warn"> · {view.wild.note}</span>}
      </span>
    </>
  )
}

/** ConvAI2's validation leaderboard: teams beside the ParlAI baselines, eligibility, wild slots, human scores. */
export function Convai2LeaderboardPage({ challengeId }: { challengeId: number }) {
  const [anonymized, setAnonymized] = useState(true)
  const board = useApi('convai2.leaderboard', { challengeId, anonymized })
  const view = board.data
  const ids = useId()

  usePodiumEvents((event) => {
    if (event.type === 'submission.status' && event.challengeId === challengeId && (event.status === 'done' || event.status === 'failed'))
      board.reload()
    else if (event.type === 'data.changed' && event.challengeId === challengeId) board.reload()
    // A rating closes its dialog: the human-evaluation columns may have changed.
    else if (event.type === 'wild.closed') board.reload()
  })

  return (
    <section className="lb-page cv-page">
      <h1>ConvAI2 leaderboard</h1>
      <form className="lb-controls" aria-label="Leaderboard options" onSubmit={(e) => e.preventDefault()}>
        <RealNamesToggle anonymized={anonymized} onChange={setAnonymized} describedBy={`${ids}-names-help`} />
      </form>
      <p className="muted lb-help" id={`${ids}-names-help`}>
        Validation-set scores in the public table's units: PPL as is, Hits@1 and F1 in percent, ± one standard error.{' '}
        {anonymized ? 'Entries are anonymized, as in every export.' : 'Real names are shown: do not share this view.'}
      </p>

      <div className="lb-summary cv-summary" role="status" aria-live="polite" data-testid="convai2-summary">
        {board.error ? (
          <span className="error">{board.error}</span>
        ) : view ? (
          <Summary view={view} />
        ) : (
          <span className="muted">Loading…</span>
        )}
      </div>

      <div className={`lb-table-wrap cv-table-wrap${board.loading ? ' lb-loading' : ''}`} aria-busy={board.loading}>
        {view ? (
          <Convai2Table rows={view.rows} slots={view.wild.slots} />
        ) : (
          <div className="lb-placeholder muted">{board.error ? '' : 'Loading…'}</div>
        )}
      </div>
      <p className="muted lb-footnote">
        <AppleIcon /> and bold: best team on that metric (baselines are not entries). Eligible for the wild evaluation: better than the
        ParlAI baselines in at least one metric, entry tag on time, permissive licence. The first {view?.wild.slots ?? 10} eligible teams in
        table order (F1, then Hits@1, then PPL) get a wild-evaluation slot. Human evaluation: mean overall quality (1–5) and role-play
        accuracy of the team's bot, ± one standard error, n rated dialogs.
      </p>

      {view && view.rows.some((r) => !r.baseline) && (
        <section aria-labelledby={`${ids}-charts`} className="lb-lower">
          <h2 id={`${ids}-charts`}>Metrics against the baselines</h2>
          <Convai2Charts rows={view.rows} />
        </section>
      )}
    </section>
  )
}
