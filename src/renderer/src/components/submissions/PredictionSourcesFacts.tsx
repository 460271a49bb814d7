import { useId, useState } from 'react'
import type { CheckReport, PredictionCopies } from '../../../../shared/intake'
import type { TeamRow } from '../../../../shared/teams'
import { api } from '../../api'
import { Badge } from '../common/Badge'
import { shortSha } from '../common/format'
import './submissions.css'

const HOW: Record<NonNullable<PredictionCopies['how']>, string> = {
  gold: 'its dialogs match the gold',
  identical: 'identical copies',
  organizer: 'chosen by the organizer'
}

/** Which predictions ref gave which commit and files, and the choice between copies of a prediction file. */
export function PredictionSourcesFacts({ team, report }: { team: TeamRow; report: CheckReport }) {
  const sources = report.predictionSources ?? []
  const copies = report.predictionCopies ?? []
  return (
    <div className="sub-two" data-testid="prediction-sources">
      <div>
        <h3>Predictions refs</h3>
        <p className="muted">
          Searched in order: {team.predictionRefs.length > 0 ? team.predictionRefs.join(', ') : 'the remote HEAD (default)'}
        </p>
        {sources.length > 0 && (
          <ul className="sub-files">
            {sources.map((s) => (
              <li key={s.ref}>
                <code>{s.ref}</code> → <code title={s.commit}>{shortSha(s.commit)}</code>{' '}
                <span className="muted">
                  {s.files.length} prediction file{s.files.length === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {copies.length > 0 && (
        <div>
          <h3>Copies of a prediction file</h3>
          <ul className="sub-files">
            {copies.map((c) => (
              <CopyChoice key={c.file} team={team} copies={c} />
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

function CopyChoice({ team, copies }: { team: TeamRow; copies: PredictionCopies }) {
  const [path, setPath] = useState(copies.chosen ?? copies.paths[0]!)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const id = useId()
  const choose = async (): Promise<void> => {
    setBusy(true)
    setMessage(null)
    try {
      await api.call('teams.choosePredictionFile', { teamId: team.id, file: copies.file, path })
      await api.call('intake.run', { challengeId: team.challengeId, teamIds: [team.id] })
      setMessage('Chosen; intake runs again.')
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <li data-testid="copy-choice" data-file={copies.file}>
      <code className="path">{copies.file}</code>{' '}
      {copies.chosen ? (
        <span className="muted">
          scored <code className="path">{copies.chosen}</code> ({HOW[copies.how!]})
        </span>
      ) : (
        <Badge tone="danger">choose a copy</Badge>
      )}
      <div>
        <label htmlFor={id}>Copy </label>
        <select id={id} value={path} onChange={(e) => setPath(e.target.value)}>
          {copies.matches.map((m) => (
            <option key={m.path} value={m.path}>
              {m.path}
              {m.dialogs !== null ? ` (${m.inGold ?? '?'} of ${m.dialogs} dialogs in the gold)` : ''}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="c-button c-button-small" disabled={busy} onClick={() => void choose()}>
          Use this copy
        </button>{' '}
        <span role="status">{message}</span>
      </div>
    </li>
  )
}
