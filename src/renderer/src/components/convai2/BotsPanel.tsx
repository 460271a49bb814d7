import { useId, useRef, useState, type FormEvent } from 'react'
import { CONVAI2_WILD_LIMITS, type WildBot } from '../../../../shared/convai2'
import type { TeamRow } from '../../../../shared/teams'
import { api } from '../../api'
import { Badge } from '../common/Badge'
import { EmptyRow } from '../common/EmptyRow'
import { CopyButton } from './CopyButton'
import { maskToken, plainError } from './format'
import '../leaderboard/leaderboard.css'
import './convai2.css'
import { formatWhen } from '../common/format'

export const teamName = (teams: ReadonlyMap<number, TeamRow>, teamId: number | null): string =>
  teamId === null ? '—' : (teams.get(teamId)?.name ?? `team #${teamId} (another challenge)`)

function TokenCell({ bot }: { bot: WildBot }) {
  const [shown, setShown] = useState(false)
  return (
    <span className="cv-token">
      <code data-testid="bot-token" aria-label={shown ? `token ${bot.token}` : 'token hidden'}>
        {shown ? bot.token : maskToken(bot.token)}
      </code>
      <button
        type="button"
        className="c-button c-button-small"
        aria-pressed={shown}
        aria-label={`${shown ? 'Hide' : 'Reveal'} the token of ${bot.name}`}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide' : 'Reveal'}
      </button>
      <CopyButton text={bot.token} label={`Copy the token of ${bot.name}`} onUnavailable={() => setShown(true)} />
    </span>
  )
}

/** The registered bots, organizer view (with the tokens to give the teams). */
export function BotsTable({
  bots,
  names,
  teams,
  maxInvalid = CONVAI2_WILD_LIMITS.maxInvalidMessages,
  onChanged
}: {
  bots: readonly WildBot[]
  names: ReadonlyMap<number, string>
  teams: ReadonlyMap<number, TeamRow>
  maxInvalid?: number
  onChanged?(): void
}) {
  const [error, setError] = useState<string | null>(null)
  const unblock = async (bot: WildBot): Promise<void> => {
    setError(null)
    try {
      await api.call('wild.unblockBot', { botId: bot.id })
      onChanged?.()
    } catch (err) {
      setError(plainError(err))
    }
  }
  return (
    <>
      <div className="c-scroll-x">
        <table className="grid cv-grid" aria-label="Registered bots">
          <thead>
            <tr>
              <th scope="col">Evaluators see</th>
              <th scope="col">Bot</th>
              <th scope="col">Team</th>
              <th scope="col">Token</th>
              <th scope="col">State</th>
              <th scope="col" className="lb-num">
                Invalid messages
              </th>
            </tr>
          </thead>
          <tbody>
            {bots.length === 0 && <EmptyRow columns={6}>No bot yet: register one below.</EmptyRow>}
            {bots.map((bot) => (
              <tr key={bot.id} data-bot={bot.name}>
                <td>{names.get(bot.id)}</td>
                <th scope="row">{bot.name}</th>
                <td>{teamName(teams, bot.teamId)}</td>
                <td>
                  <TokenCell bot={bot} />
                </td>
                <td>
                  {bot.blocked ? (
                    <>
                      <Badge tone="danger" title="Every call gets 403 until the bot is unblocked">
                        blocked
                      </Badge>{' '}
                      <button
                        type="button"
                        className="c-button c-button-small"
                        aria-label={`Unblock ${bot.name}`}
                        onClick={() => void unblock(bot)}
                      >
                        Unblock
                      </button>
                    </>
                  ) : bot.lastPollAt === null ? (
                    <Badge tone="neutral" title="This bot has never called getUpdates">
                      never connected
                    </Badge>
                  ) : (
                    <Badge tone="ok" title={`Last getUpdates call: ${formatWhen(bot.lastPollAt)}`}>
                      active
                    </Badge>
                  )}
                </td>
                <td className="lb-num">
                  {bot.invalidCount} <span className="muted">/ {maxInvalid}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}

/** Registers a bot for a team; the service makes the token. */
export function RegisterBotForm({ teams, onRegistered }: { teams: readonly TeamRow[]; onRegistered(bot: WildBot): void }) {
  const [name, setName] = useState('')
  const [teamId, setTeamId] = useState('')
  const [error, setError] = useState<{ field: 'name' | 'form'; text: string } | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const nameRef = useRef<HTMLInputElement>(null)
  const id = useId()

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setDone(null)
    if (!name.trim()) {
      setError({ field: 'name', text: 'Give the bot a name.' })
      nameRef.current?.focus()
      return
    }
    setError(null)
    setBusy(true)
    try {
      const bot = await api.call('wild.registerBot', { name: name.trim(), teamId: teamId ? Number(teamId) : null })
      setName('')
      setTeamId('')
      setDone(`Registered “${bot.name}”: reveal or copy its token in the table above and send it to the team.`)
      onRegistered(bot)
    } catch (err) {
      setError({ field: /name/i.test(String(err)) ? 'name' : 'form', text: plainError(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="cv-register" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Register a bot</h4>
      <div className="cv-register-fields">
        <div className="cv-field">
          <label htmlFor={`${id}-name`}>Bot name</label>
          <input
            ref={nameRef}
            id={`${id}-name`}
            className="cv-input"
            value={name}
            placeholder="e.g. Pelican bot"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error?.field === 'name' ? true : undefined}
            aria-describedby={`${id}-status`}
          />
        </div>
        <div className="cv-field">
          <label htmlFor={`${id}-team`}>Team</label>
          <select id={`${id}-team`} className="cv-input" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">no team (a test bot)</option>
            {teams
              .filter((t) => !t.isBaseline)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.anonId})
                </option>
              ))}
          </select>
        </div>
        <div className="cv-register-submit">
          <button type="submit" className="c-button c-button-primary" disabled={busy}>
            Register the bot
          </button>
        </div>
      </div>
      <p id={`${id}-status`} className="cv-status" role="status" data-testid="register-status">
        {error ? <span className="error">{error.text}</span> : (done ?? '\u00a0')}
      </p>
    </form>
  )
}
