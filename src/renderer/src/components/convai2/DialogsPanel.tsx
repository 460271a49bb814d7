import { useId, useState } from 'react'
import type { WildBot, WildDialog } from '../../../../shared/convai2'
import type { EvaluatorDialog } from '../../../../shared/views'
import { api } from '../../api'
import { Badge } from '../common/Badge'
import { EmptyRow } from '../common/EmptyRow'
import { formatWhen } from '../common/format'
import { closeReasonText, plainError } from './format'
import '../leaderboard/leaderboard.css'
import './convai2.css'

function Transcript({ chatId }: { chatId: number }) {
  const [state, setState] = useState<{ dialog?: EvaluatorDialog; error?: string } | null>(null)
  const load = async (): Promise<void> => {
    try {
      setState({ dialog: await api.call('wild.dialog', { chatId }) })
    } catch (err) {
      setState({ error: plainError(err) })
    }
  }
  return (
    <details
      className="cv-details"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) void load()
      }}
    >
      <summary>Transcript</summary>
      {state === null ? (
        <p className="muted">Loading…</p>
      ) : state.error ? (
        <p className="error">{state.error}</p>
      ) : state.dialog!.messages.length === 0 ? (
        <p className="muted">No message yet.</p>
      ) : (
        <ol className="cv-transcript">
          {state.dialog!.messages.map((m) => (
            <li key={m.messageId} className={`cv-t-${m.sender}`}>
              <span className="cv-t-who">{m.sender === 'human' ? 'Evaluator' : 'Bot'}</span> {m.text}
              {m.sender === 'human' && m.evaluation !== null && <span className="muted cv-small"> (bot's mark: {m.evaluation})</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}

/** Every dialog of the wild evaluation, organizer view: with the profile the bot played. */
export function DialogsPanel({
  dialogs,
  error,
  bots,
  botId,
  onBotId
}: {
  dialogs: readonly WildDialog[] | undefined
  error: string | undefined
  bots: readonly WildBot[]
  botId: number | null
  onBotId(botId: number | null): void
}) {
  const id = useId()
  return (
    <>
      <div className="cv-inline-form">
        <label htmlFor={`${id}-bot`} className="muted">
          Bot
        </label>
        <select
          id={`${id}-bot`}
          className="cv-input"
          value={botId ?? ''}
          onChange={(e) => onBotId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">all bots</option>
          {bots.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p className="cv-note" data-testid="dialogs-error">
          {error}
        </p>
      ) : (
        <div className="cv-scroll">
          <div className="c-scroll-x">
            <table className="grid cv-grid" aria-label="Dialogs (organizer view)" data-testid="dialogs">
              <thead>
                <tr>
                  <th scope="col">Chat</th>
                  <th scope="col">Bot</th>
                  <th scope="col">State</th>
                  <th scope="col" className="lb-num">
                    Messages
                  </th>
                  <th scope="col">Started / last activity</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Profile the bot played</th>
                </tr>
              </thead>
              <tbody>
                {dialogs === undefined && <EmptyRow columns={7}>Loading…</EmptyRow>}
                {dialogs?.length === 0 && <EmptyRow columns={7}>No dialog yet.</EmptyRow>}
                {dialogs?.map((d) => (
                  <tr key={d.chatId} data-chat={d.chatId}>
                    <td>
                      <code>{d.chatId}</code>
                    </td>
                    <th scope="row">{d.botName}</th>
                    <td>
                      {d.status === 'open' ? (
                        <Badge tone="accent">open</Badge>
                      ) : (
                        <Badge tone={d.closeReason === 'ended' ? 'neutral' : 'warn'} title={closeReasonText(d.closeReason)}>
                          closed{d.closeReason && d.closeReason !== 'ended' ? `: ${d.closeReason}` : ''}
                        </Badge>
                      )}
                    </td>
                    <td className="lb-num">{d.utterances}</td>
                    <td className="cv-when">
                      {formatWhen(d.startedAt)}
                      <br />
                      <span className="muted">{formatWhen(d.lastActivityAt)}</span>
                    </td>
                    <td data-testid="dialog-rating">
                      {d.rating ? (
                        <>
                          quality <strong>{d.rating.quality}</strong>
                          {d.rating.roleplayCorrect !== null && (
                            <>
                              {' · '}role-play{' '}
                              {d.rating.roleplayCorrect ? <span className="lb-ok">right</span> : <span className="error">wrong</span>}
                            </>
                          )}
                        </>
                      ) : (
                        <span className="muted">not rated</span>
                      )}
                    </td>
                    <td className="cv-profile-cell">
                      <details className="cv-details">
                        <summary>Profile</summary>
                        <ul className="cv-profile">
                          {d.profile.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      </details>
                      <Transcript chatId={d.chatId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  )
}
