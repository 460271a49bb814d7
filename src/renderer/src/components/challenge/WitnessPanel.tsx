import { useState } from 'react'
import type { WitnessView } from '../../../../shared/views'
import { api } from '../../api'
import { errorText } from '../../../../shared/error-text'
import '../common/common.css'
import { instant } from '../common/format'

/**
 * The deadline witness: what every entry tag points at, seen now. Git dates can be forged;
 * this record cannot, and a later intake raises TAG_MOVED when a tag has moved.
 */
export function WitnessPanel({ challengeId }: { challengeId: number }) {
  const [records, setRecords] = useState<WitnessView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const record = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      setRecords(await api.call('witness.record', { challengeId }))
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="witness-title">
      <h2 id="witness-title">Deadline witness</h2>
      <p className="muted">
        Run this at the deadline: Podium records what each team&apos;s entry tag points at, with the time it was seen. A later intake flags{' '}
        <code>TAG_MOVED</code> if a tag was moved afterwards.
      </p>
      <button type="button" className="c-button" onClick={() => void record()} disabled={busy}>
        {busy ? 'Recording…' : 'Record the witness now'}
      </button>
      <p role="status" className="c-field-error">
        {error ?? ''}
      </p>
      {records && (
        <table className="grid" aria-label="Tags seen">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Tag object</th>
              <th scope="col">Commit</th>
              <th scope="col">Seen at</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.teamId}>
                <td>{r.label}</td>
                <td>{r.tagObject ? <code>{r.tagObject.slice(0, 12)}</code> : <span className="error">{r.error}</span>}</td>
                <td>{r.commit ? <code>{r.commit.slice(0, 12)}</code> : '—'}</td>
                <td>{instant(r.seenAt)?.utc ?? r.seenAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
