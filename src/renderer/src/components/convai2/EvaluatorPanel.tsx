import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { PodiumEvent } from '../../../../shared/api'
import type { WildBot, WildLimitSettings } from '../../../../shared/convai2'
import type { EvaluatorDialog } from '../../../../shared/views'
import { api } from '../../api'
import { closeReasonText, plainError } from './format'
import '../common/common.css'
import './convai2.css'

const STORE_KEY = 'podium.wild.conversation'
const QUALITY = [
  { value: 1, label: 'not at all' },
  { value: 2, label: 'a little' },
  { value: 3, label: 'so-so' },
  { value: 4, label: 'quite a lot' },
  { value: 5, label: 'very much' }
]

interface Current {
  chatId: number
  /** What the evaluator may know of the partner: "Bot B" when the organizer chose, else "a bot picked at random". */
  partner: string
}

function readStored(): Current | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? 'null') as Current | null
    return value && typeof value.chatId === 'number' ? value : null
  } catch {
    return null
  }
}
function store(current: Current | null): void {
  if (current) sessionStorage.setItem(STORE_KEY, JSON.stringify(current))
  else sessionStorage.removeItem(STORE_KEY)
}

/**
 * The human evaluator's side: start a conversation with a bot whose team stays unknown, chat,
 * then rate it (overall quality 1–5 and, when asked, which of two profiles the bot played).
 */
export function EvaluatorPanel({
  bots,
  names,
  subscribe,
  onRated,
  limits
}: {
  bots: readonly WildBot[]
  names: ReadonlyMap<number, string>
  subscribe(listener: (event: PodiumEvent) => void): () => void
  onRated(): void
  /** The limits in force, to say why a dialog closed. */
  limits?: WildLimitSettings
}) {
  const [current, setCurrent] = useState<Current | null>(readStored)
  const [dialog, setDialog] = useState<EvaluatorDialog | null>(null)
  const [rating, setRating] = useState(false)
  const [choice, setChoice] = useState<string>('random')
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState<'start' | 'send' | 'rate' | null>(null)
  const [errors, setErrors] = useState<{ start?: string; send?: string; rate?: string }>({})
  const [quality, setQuality] = useState<number | null>(null)
  const [roleplay, setRoleplay] = useState<0 | 1 | null>(null)
  const id = useId()
  const logRef = useRef<HTMLDivElement>(null)
  const composerRef = useRef<HTMLTextAreaElement>(null)
  const startRef = useRef<HTMLButtonElement>(null)
  const againRef = useRef<HTMLButtonElement>(null)
  const seq = useRef(0)

  const chatId = current?.chatId ?? null
  /**
   * Reads the dialog again; only the newest answer counts, and a burst of events makes one more
   * read after the one in flight, not one each. `reopening`: after a reload of the page.
   */
  const chatRef = useRef(chatId)
  chatRef.current = chatId
  const reading = useRef<{ busy: boolean; again: number | null }>({ busy: false, again: null })
  const refresh = useCallback(async (id: number, reopening = false): Promise<void> => {
    if (reading.current.busy) {
      reading.current.again = id
      return
    }
    reading.current.busy = true
    const mine = ++seq.current
    try {
      const view = await api.call('wild.dialog', { chatId: id })
      if (mine === seq.current) setDialog(view)
    } catch (err) {
      if (mine === seq.current) {
        if (reopening) {
          // The conversation cannot be read (e.g. the server is not started after a restart): start over.
          setCurrent(null)
          store(null)
          setErrors({ start: `Your previous conversation could not be reopened. ${plainError(err)}` })
        } else {
          setErrors({ send: `The conversation could not be refreshed. ${plainError(err)}` })
        }
      }
    } finally {
      reading.current.busy = false
      const again = reading.current.again
      reading.current.again = null
      if (again !== null && again === chatRef.current) void refresh(again)
    }
  }, [])

  // Reopen a conversation kept across a reload of the page.
  useEffect(() => {
    if (chatId !== null && dialog === null) void refresh(chatId, true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Bot replies and server-side closes arrive as events; the dialog is read again through the API
  // (the evaluator's view never contains the /start message with the bot's profile).
  const latest = useRef<(event: PodiumEvent) => void>(() => undefined)
  latest.current = (event) => {
    if ((event.type === 'wild.message' || event.type === 'wild.closed') && event.chatId === chatId) void refresh(chatId)
  }
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe])

  const messages = dialog?.messages ?? []
  const last = messages[messages.length - 1]
  const open = dialog?.status === 'open'
  const waiting = open && last?.sender === 'human'
  const rated = dialog?.rated ?? false
  const showRating = dialog !== null && !rated && (rating || !open)

  // Events can be missed (a reconnecting stream): while waiting for the bot, also look every few seconds.
  useEffect(() => {
    if (!waiting || chatId === null) return
    const timer = setInterval(() => void refresh(chatId), 4000)
    return () => clearInterval(timer)
  }, [waiting, chatId, refresh])

  useEffect(() => {
    const log = logRef.current
    if (log) log.scrollTop = log.scrollHeight
  }, [messages.length, waiting])

  // A new open conversation puts the cursor in the composer, once it is rendered and enabled.
  useEffect(() => {
    if (open) composerRef.current?.focus()
  }, [open, chatId])

  const start = async (): Promise<void> => {
    setErrors({})
    // "Any bot": the server picks (least evaluated first), so this screen never learns which.
    const bot = choice === 'random' ? null : (bots.find((b) => String(b.id) === choice) ?? null)
    if (choice !== 'random' && !bot) {
      setErrors({ start: 'That bot is no longer registered.' })
      return
    }
    setBusy('start')
    try {
      const view = await api.call('wild.startDialog', bot ? { botId: bot.id } : null)
      const next = { chatId: view.chatId, partner: bot ? (names.get(bot.id) ?? 'a bot') : 'a bot picked at random' }
      seq.current++
      setCurrent(next)
      store(next)
      setDialog(view)
      setRating(false)
      setQuality(null)
      setRoleplay(null)
      setDraft('')
    } catch (err) {
      setErrors({ start: plainError(err) })
    } finally {
      setBusy(null)
    }
  }

  const send = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault()
    if (chatId === null || busy === 'send') return
    const text = draft.trim()
    if (!text) return setErrors({ send: 'Write a message first.' })
    setErrors({})
    setBusy('send')
    try {
      const message = await api.call('wild.send', { chatId, text })
      setDraft('')
      setDialog((d) => (d && !d.messages.some((m) => m.messageId === message.messageId) ? { ...d, messages: [...d.messages, message] } : d))
    } catch (err) {
      setErrors({ send: plainError(err) })
      void refresh(chatId)
    } finally {
      setBusy(null)
      composerRef.current?.focus()
    }
  }

  const onComposerKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      void send()
    }
  }

  const submitRating = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (chatId === null || !dialog) return
    if (quality === null) return setErrors({ rate: 'Choose the overall quality, from 1 to 5.' })
    if (dialog.profileChoices && roleplay === null) return setErrors({ rate: 'Choose the profile you think the bot played.' })
    setErrors({})
    setBusy('rate')
    try {
      const view = await api.call('wild.end', { chatId, quality, roleplay: dialog.profileChoices ? roleplay : null })
      seq.current++
      setDialog(view)
      store(null)
      onRated()
      requestAnimationFrame(() => againRef.current?.focus())
    } catch (err) {
      setErrors({ rate: plainError(err) })
    } finally {
      setBusy(null)
    }
  }

  const another = (): void => {
    seq.current++
    setCurrent(null)
    setDialog(null)
    setRating(false)
    setErrors({})
    requestAnimationFrame(() => startRef.current?.focus())
  }

  const usable = [...bots].sort((a, b) => a.id - b.id)
  const status = !dialog
    ? ''
    : rated
      ? 'This conversation is rated.'
      : !open && dialog.closeReason === 'invalid-limit'
        ? 'Dialog ended: the bot was blocked after too many invalid messages. You can still rate it.'
        : !open
          ? `The server closed this conversation because ${closeReasonText(dialog.closeReason, limits)}. You can still rate it.`
          : waiting
            ? 'waiting for the bot…'
            : messages.length === 0
              ? 'Say hello: the bot may also write first.'
              : ''

  return (
    <div className="cv-evaluator">
      <div className="cv-eval-bar">
        {dialog === null ? (
          <>
            <div className="cv-inline-form">
              <label htmlFor={`${id}-bot`} className="muted">
                Talk to
              </label>
              <select id={`${id}-bot`} className="cv-input" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="random">any bot (picked at random)</option>
                {usable.map((b) => (
                  <option key={b.id} value={b.id} disabled={b.blocked}>
                    {names.get(b.id)}
                    {b.blocked ? ' (blocked)' : ''}
                  </option>
                ))}
              </select>
              <button
                ref={startRef}
                type="button"
                className="c-button c-button-primary"
                onClick={() => void start()}
                disabled={busy === 'start'}
                aria-describedby={`${id}-start-error`}
              >
                Start a conversation
              </button>
            </div>
          </>
        ) : (
          <>
            <span>
              Conversation with <strong>{current?.partner ?? 'a bot'}</strong>
            </span>
            {open && !rated && !rating && (
              <button type="button" className="c-button" onClick={() => setRating(true)}>
                End and rate
              </button>
            )}
          </>
        )}
      </div>
      <p id={`${id}-start-error`} className="c-field-error" role="alert" data-testid="start-error">
        {errors.start ?? ''}
      </p>

      <div ref={logRef} className="cv-log" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0} data-testid="chat-log">
        {dialog === null && current !== null ? (
          <p className="muted cv-log-empty">Reopening your conversation…</p>
        ) : dialog === null ? (
          <p className="muted cv-log-empty">
            Start a conversation to chat with one of the bots. You will not know which team made it. When you are done, rate it.
          </p>
        ) : (
          messages.map((m) => (
            <div key={m.messageId} className={`cv-msg cv-msg-${m.sender}`} data-sender={m.sender}>
              <span className="cv-msg-who">{m.sender === 'human' ? 'You' : 'Bot'}</span>
              <span className="cv-msg-text">{m.text}</span>
            </div>
          ))
        )}
      </div>
      <p className={`cv-chat-status${dialog && !open && !rated ? ' cv-warn' : ''}`} role="status" data-testid="chat-status">
        {waiting && <span className="c-spinner" aria-hidden="true" />} {status}
      </p>

      {dialog !== null && rated ? (
        <div className="cv-thanks" data-testid="thanks">
          <p>
            <strong>Thank you!</strong> Your rating is saved.
          </p>
          <button ref={againRef} type="button" className="c-button c-button-primary" onClick={another}>
            Start another conversation
          </button>
        </div>
      ) : showRating ? (
        <form className="cv-rate" onSubmit={(e) => void submitRating(e)} noValidate aria-labelledby={`${id}-rate-title`}>
          <h3 id={`${id}-rate-title`}>Rate the conversation</h3>
          <fieldset className="cv-fieldset">
            <legend>Overall quality: how much did you like the conversation?</legend>
            <div className="cv-quality">
              {QUALITY.map((q) => (
                <label key={q.value} className="cv-radio">
                  <input
                    type="radio"
                    name={`${id}-quality`}
                    value={q.value}
                    checked={quality === q.value}
                    onChange={() => {
                      setQuality(q.value)
                      setErrors({})
                    }}
                  />
                  <span>
                    <strong>{q.value}</strong> <span className="muted cv-small">{q.label}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {dialog.profileChoices && (
            <fieldset className="cv-fieldset">
              <legend>Which of these two profiles did the bot play?</legend>
              <div className="cv-profiles">
                {dialog.profileChoices.map((profile, i) => (
                  <label key={i} className="cv-radio cv-profile-choice">
                    <input
                      type="radio"
                      name={`${id}-roleplay`}
                      value={i}
                      checked={roleplay === i}
                      onChange={() => {
                        setRoleplay(i as 0 | 1)
                        setErrors({})
                      }}
                      aria-label={`Profile ${i + 1}: ${profile.join(' ')}`}
                    />
                    <span>
                      <strong>Profile {i + 1}</strong>
                      <ul className="cv-profile">
                        {profile.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="cv-rate-actions">
            <button type="submit" className="c-button c-button-primary" disabled={busy === 'rate'} aria-describedby={`${id}-rate-error`}>
              Submit the rating
            </button>
            {open && (
              <button type="button" className="c-button" onClick={() => setRating(false)}>
                Back to the conversation
              </button>
            )}
          </div>
          <p id={`${id}-rate-error`} className="c-field-error" role="alert" data-testid="rate-error">
            {errors.rate ?? ''}
          </p>
        </form>
      ) : (
        <form className="cv-composer" onSubmit={(e) => void send(e)}>
          <label htmlFor={`${id}-text`} className="c-visually-hidden">
            Your message
          </label>
          <textarea
            ref={composerRef}
            id={`${id}-text`}
            rows={2}
            value={draft}
            disabled={!open}
            placeholder={open ? 'Write a message. Enter sends it, Shift+Enter starts a new line.' : ''}
            onChange={(e) => {
              setDraft(e.target.value)
              if (errors.send) setErrors({})
            }}
            onKeyDown={onComposerKey}
            aria-describedby={`${id}-send-error`}
          />
          <button type="submit" className="c-button c-button-primary" disabled={!open || busy === 'send'}>
            Send
          </button>
          <p id={`${id}-send-error`} className="c-field-error cv-send-error" role="alert" data-testid="send-error">
            {errors.send ?? ''}
          </p>
        </form>
      )}
    </div>
  )
}
