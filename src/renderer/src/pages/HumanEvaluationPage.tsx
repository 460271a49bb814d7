import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { PodiumEvent } from '../../../shared/api'
import type { WildDialog } from '../../../shared/convai2'
import { BotStatsPanel } from '../components/convai2/BotStatsPanel'
import { BotsTable, RegisterBotForm } from '../components/convai2/BotsPanel'
import { DialogsPanel } from '../components/convai2/DialogsPanel'
import { EvaluatorPanel } from '../components/convai2/EvaluatorPanel'
import { anonymousBotNames, plainError } from '../components/convai2/format'
import { WildServerPanel } from '../components/convai2/WildServerPanel'
import { api } from '../api'
import { usePodiumEvents } from '../use-events'
import { useApi } from '../use-api'
import '../components/common/common.css'
import '../components/leaderboard/leaderboard.css'
import '../components/convai2/convai2.css'

/** The organizer's dialog list; only readable while the wild server runs. */
function useDialogs(running: boolean, botId: number | null): { dialogs?: WildDialog[]; error?: string; reload(): void } {
  const [state, setState] = useState<{ dialogs?: WildDialog[]; error?: string }>({})
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    if (!running) {
      setState({ error: 'Start the server to see the dialogs.' })
      return
    }
    let live = true
    api.call('wild.dialogs', botId === null ? null : { botId }).then(
      (dialogs) => live && setState({ dialogs }),
      (err: unknown) => live && setState({ error: plainError(err) })
    )
    return () => {
      live = false
    }
  }, [running, botId, generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { ...state, reload }
}

/**
 * ConvAI2's "wild" human evaluation, two roles on one page: the organizer runs the Bot API
 * server, registers the teams' bots and follows the results; an evaluator chats with a bot
 * whose team stays hidden and rates the conversation.
 */
export function HumanEvaluationPage({ challengeId }: { challengeId: number }) {
  const status = useApi('wild.status', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  const [organizerOpen, setOrganizerOpen] = useState(true)
  const [dialogBot, setDialogBot] = useState<number | null>(null)
  const running = Boolean(status.data?.url)
  const dialogs = useDialogs(running, dialogBot)
  const ids = useId()

  const bots = useMemo(() => status.data?.bots ?? [], [status.data])
  const stats = status.data?.stats ?? []
  const names = useMemo(() => anonymousBotNames(bots), [bots])
  const teamById = useMemo(() => new Map(teams.data?.map((t) => [t.id, t]) ?? []), [teams.data])

  // One event stream for the page, fanned out to the evaluator's chat.
  const listeners = useRef(new Set<(event: PodiumEvent) => void>())
  const subscribe = useCallback((listener: (event: PodiumEvent) => void) => {
    listeners.current.add(listener)
    return () => {
      listeners.current.delete(listener)
    }
  }, [])
  // Organizer tables follow the traffic, at most about twice a second.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  const { reload: reloadStatus } = status
  const { reload: reloadDialogs } = dialogs
  const refreshOrganizer = useCallback(() => {
    if (pending.current) return
    pending.current = setTimeout(() => {
      pending.current = null
      reloadStatus()
      reloadDialogs()
    }, 500)
  }, [reloadStatus, reloadDialogs])
  useEffect(() => () => clearTimeout(pending.current ?? undefined), [])
  usePodiumEvents((event) => {
    for (const listener of listeners.current) listener(event)
    if (event.type === 'wild.message' || event.type === 'wild.closed') refreshOrganizer()
  })

  return (
    <section className="cv-page cv-he">
      <div className="cv-he-head">
        <h1>Human evaluation</h1>
        <button
          type="button"
          className="c-button"
          aria-expanded={organizerOpen}
          aria-controls={organizerOpen ? `${ids}-organizer` : undefined}
          onClick={() => {
            // recharts keeps the last text it measured (a leaderboard's team names) in a hidden span
            // of <body>; it makes a new one when it needs it.
            if (organizerOpen) document.getElementById('recharts_measurement_span')?.remove()
            setOrganizerOpen((o) => !o)
          }}
        >
          {organizerOpen ? 'Hide the organizer panel' : 'Show the organizer panel'}
        </button>
      </div>
      <p className="muted cv-lead">
        The “wild” evaluation of ConvAI2: people chat with the teams’ bots through the Bot API and rate each conversation (overall quality
        1–5, and which of two profiles the bot was playing). Hide the organizer panel before handing the screen to an evaluator: it names
        the teams.
      </p>
      {status.error && (
        <p className="error" role="alert">
          {plainError(new Error(status.error))}
        </p>
      )}

      {/* Not merely hidden: in evaluator mode the page holds no team name at all (view source, selection, screen readers). */}
      {organizerOpen && (
        <section id={`${ids}-organizer`} className="cv-role" aria-labelledby={`${ids}-org-title`}>
          <h2 id={`${ids}-org-title`}>Organizer</h2>
          <WildServerPanel status={status.data} challengeId={challengeId} onStarted={() => status.reload()} />

          <div className="cv-card">
            <h3>Bots</h3>
            <BotsTable
              bots={bots}
              names={names}
              teams={teamById}
              maxInvalid={status.data?.limits.maxInvalidMessages}
              onChanged={() => status.reload()}
            />
            <RegisterBotForm teams={teams.data ?? []} onRegistered={() => status.reload()} />
          </div>

          <div className="cv-card">
            <h3>Results per bot</h3>
            <BotStatsPanel stats={stats} names={names} teams={teamById} />
          </div>

          <div className="cv-card">
            <h3>Dialogs</h3>
            <DialogsPanel dialogs={dialogs.dialogs} error={dialogs.error} bots={bots} botId={dialogBot} onBotId={setDialogBot} />
          </div>
        </section>
      )}

      <section className="cv-role cv-card" aria-labelledby={`${ids}-eval-title`}>
        <h2 id={`${ids}-eval-title`}>Evaluator</h2>
        <EvaluatorPanel
          bots={bots}
          names={names}
          subscribe={subscribe}
          limits={status.data?.limits}
          onRated={() => {
            reloadStatus()
            reloadDialogs()
          }}
        />
      </section>
    </section>
  )
}
