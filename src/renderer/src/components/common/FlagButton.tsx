import { useId, useRef, useState } from 'react'
import './common.css'
import { errorText } from '../../../../shared/error-text'

/**
 * Flag an entry with a reason (a modal dialog asks for it), or unflag it.
 * `onSave` does the API call; its error is shown in the dialog.
 */
export function FlagButton({
  who,
  flaggedReason,
  onSave,
  compact = false
}: {
  who: string
  flaggedReason: string | null
  onSave(reason: string | null): Promise<void>
  compact?: boolean
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const reasonId = useId()
  const errorId = useId()

  const save = async (value: string | null): Promise<boolean> => {
    setBusy(true)
    setError(null)
    try {
      await onSave(value)
      return true
    } catch (e) {
      setError(errorText(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  if (flaggedReason) {
    return (
      <button
        type="button"
        className="c-button c-button-small"
        disabled={busy}
        onClick={(e) => {
          e.stopPropagation()
          void save(null)
        }}
        onKeyDown={(e) => e.stopPropagation()}
        aria-label={`Unflag ${who} (flagged: ${flaggedReason})`}
      >
        Unflag
      </button>
    )
  }

  return (
    <>
      <button
        type="button"
        className="c-button c-button-small"
        onClick={(e) => {
          e.stopPropagation()
          setReason('')
          setError(null)
          dialog.current?.showModal()
        }}
        onKeyDown={(e) => e.stopPropagation()}
        aria-label={`Flag ${who}`}
      >
        {compact ? '⚑ Flag' : 'Flag…'}
      </button>
      <dialog
        ref={dialog}
        className="c-dialog"
        aria-labelledby={`${reasonId}-title`}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <form
          method="dialog"
          onSubmit={async (e) => {
            e.preventDefault()
            const text = reason.trim()
            if (!text) {
              setError('Give the reason: it is shown next to the entry and kept in the audit log.')
              return
            }
            if (await save(text)) dialog.current?.close()
          }}
        >
          <h2 id={`${reasonId}-title`}>Flag {who}</h2>
          <p className="muted">A flagged entry cannot win. The reason is recorded in the audit log.</p>
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            placeholder="e.g. trained on test-std"
          />
          <p id={errorId} className="c-field-error" role={error ? 'alert' : undefined}>
            {error ?? '\u00a0'}
          </p>
          <div className="c-dialog-actions">
            <button type="button" className="c-button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="c-button c-button-primary" disabled={busy}>
              Flag entry
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
