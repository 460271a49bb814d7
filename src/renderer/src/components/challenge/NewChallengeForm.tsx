import { useState, type FormEvent } from 'react'
import type { Challenge } from '../../../../shared/challenge'
import { SIMMC_DEADLINE, SIMMC_ENTRY_TAG } from '../../../../shared/simmc'
import { api } from '../../api'
import { errorText } from '../../../../shared/error-text'
import '../common/common.css'
import './challenge.css'

/** A SIMMC challenge from the official gold files in a folder on this machine. */
export function NewChallengeForm({ onCreated }: { onCreated(c: Challenge): void }) {
  const [values, setValues] = useState({ name: '', slug: '', deadline: SIMMC_DEADLINE, entryTag: SIMMC_ENTRY_TAG, goldDir: '' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value })

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onCreated(await api.call('challenges.create', values))
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="ch-new">
      <summary>New SIMMC challenge…</summary>
      <form className="ch-form" onSubmit={create}>
        <div className="ch-fields">
          <label>
            <span>Name</span>
            <input value={values.name} onChange={set('name')} required />
          </label>
          <label>
            <span>Short id (slug)</span>
            <input value={values.slug} onChange={set('slug')} placeholder="simmc-dstc9" required spellCheck={false} />
          </label>
          <label>
            <span>Deadline</span>
            <input value={values.deadline} onChange={set('deadline')} required spellCheck={false} />
          </label>
          <label>
            <span>Entry tag</span>
            <input value={values.entryTag} onChange={set('entryTag')} required spellCheck={false} />
          </label>
          <label className="ch-wide">
            <span>Gold folder (with fashion/ and furniture/ holding the official files)</span>
            <input value={values.goldDir} onChange={set('goldDir')} placeholder="/data/simmc/teststd-gold" required spellCheck={false} />
          </label>
          <button type="submit" className="c-button c-button-primary" disabled={busy}>
            Create
          </button>
        </div>
        <p role="status" className="c-field-error">
          {error ?? ''}
        </p>
      </form>
    </details>
  )
}
