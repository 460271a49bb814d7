import { useId, useState, type FormEvent } from 'react'
import type { WildStatus } from '../../../../shared/views'
import { api } from '../../api'
import { Badge } from '../common/Badge'
import { CopyButton } from './CopyButton'
import { plainError } from './format'
import './convai2.css'

/** Starts the Bot API server and shows the URL to give to the teams. */
export function WildServerPanel({
  status,
  challengeId,
  onStarted
}: {
  status: WildStatus | undefined
  challengeId: number
  onStarted(status: WildStatus): void
}) {
  const [port, setPort] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const running = Boolean(status?.url)

  const start = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setError(null)
    const trimmed = port.trim()
    if (trimmed && !/^\d{1,5}$/.test(trimmed))
      return setError('The port is a number from 1 to 65535 (or leave it empty for any free port).')
    setBusy(true)
    try {
      onStarted(await api.call('wild.start', trimmed ? { port: Number(trimmed), challengeId } : { challengeId }))
    } catch (err) {
      setError(plainError(err))
    } finally {
      setBusy(false)
    }
  }

  const stop = async (): Promise<void> => {
    setError(null)
    setBusy(true)
    try {
      onStarted(await api.call('wild.stop', null))
    } catch (err) {
      setError(plainError(err))
    } finally {
      setBusy(false)
    }
  }

  const limits = status?.limits
  return (
    <div className="cv-card cv-server" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>Bot API server</h3>
      <div className="cv-server-row">
        <span data-testid="wild-state">
          {status === undefined ? (
            <Badge>checking…</Badge>
          ) : running ? (
            <Badge tone="ok">running</Badge>
          ) : (
            <Badge tone="neutral">stopped</Badge>
          )}
        </span>
        {running ? (
          <span className="cv-url">
            <span className="muted">Give teams this URL: </span>
            <code data-testid="wild-url">{status!.url}</code> <CopyButton text={status!.url!} label="Copy the Bot API URL" />{' '}
            <button type="button" className="c-button c-button-small" disabled={busy} onClick={() => void stop()}>
              Stop
            </button>
          </span>
        ) : (
          <form className="cv-inline-form" onSubmit={(e) => void start(e)} noValidate>
            <label htmlFor={`${id}-port`} className="muted">
              Port <span className="cv-small">(optional)</span>
            </label>
            <input
              id={`${id}-port`}
              className="cv-input cv-port"
              inputMode="numeric"
              value={port}
              placeholder="any"
              onChange={(e) => setPort(e.target.value)}
              aria-describedby={`${id}-error`}
              aria-invalid={error ? true : undefined}
            />
            <button type="submit" className="c-button c-button-primary" disabled={busy || status === undefined}>
              {busy ? 'Starting…' : 'Start the server'}
            </button>
          </form>
        )}
      </div>
      <p id={`${id}-error`} className="c-field-error" role="alert" data-testid="wild-start-error">
        {error ?? (!running && status?.error ? plainError(new Error(status.error)) : '')}
      </p>
      {limits && (
        <p className="muted cv-small" data-testid="wild-limits">
          Limits: a dialog closes after {limits.inactivitySeconds} s without a message or at {limits.maxUtterances} messages; a bot is
          blocked after {limits.maxInvalidMessages} invalid messages; getUpdates waits at most {limits.maxPollSeconds} s. Change them with{' '}
          <code>podium wild-limits</code>.
        </p>
      )}
      <p className="muted cv-small cv-server-help">
        Bots call <code>{status?.url ?? 'http://127.0.0.1:<port>/'}bot&lt;token&gt;/getUpdates</code> and <code>…/sendMessage</code> (the
        simplified Telegram Bot API). The server restarts with this console until you stop it; bots of the demo teams answer by themselves.
      </p>
    </div>
  )
}
