import { useId, useState, type FormEvent } from 'react'
import type { Challenge } from '../../../../shared/challenge'
import { api } from '../../api'

/** Name, deadline (an instant with its zone) and entry tag; every change lands in the audit log. */
export function ChallengeSettings({ challenge, onSaved }: { challenge: Challenge; onSaved(c: Challenge): void }) {
  const id = useId()
  const [values, setValues] = useState({ name: challenge.name, deadline: challenge.deadline, entryTag: challenge.entryTag })
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const changed = values.name !== challenge.name || values.deadline !== challenge.deadline || values.entryTag !== challenge.entryTag

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setMessage(null)
    try {
      const saved = await api.call('challenges.update', { challengeId: challenge.id, ...values })
      setMessage({ text: 'Saved. Run intake again for verdicts against the new settings.', error: false })
      onSaved(saved)
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="ch-form" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <div className="ch-fields">
        <label>
          <span>Name</span>
          <input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
        </label>
        <label>
          <span>Deadline (ISO 8601 with zone)</span>
          <input
            value={values.deadline}
            onChange={(e) => setValues({ ...values, deadline: e.target.value })}
            placeholder="2020-09-27T23:59:59-12:00"
            spellCheck={false}
          />
        </label>
        <label>
          <span>Entry tag</span>
          <input value={values.entryTag} onChange={(e) => setValues({ ...values, entryTag: e.target.value })} spellCheck={false} />
        </label>
        <button type="submit" className="c-button c-button-primary" disabled={!changed || busy}>
          Save
        </button>
      </div>
      <p role="status" className={message?.error ? 'c-field-error' : 'muted ch-status'}>
        {message?.text ?? ''}
      </p>
    </form>
  )
}
