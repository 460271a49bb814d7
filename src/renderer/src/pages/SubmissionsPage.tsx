import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SubmissionStatus } from '../../../shared/teams'
import { api } from '../api'
import { BUSY_STATUSES } from '../components/common/Badge'
import { SearchBox } from '../components/common/SearchBox'
import { useTableSearch } from '../components/common/use-table-search'
import { AddTeamForm } from '../components/submissions/AddTeamForm'
import { SEARCH_ALIASES, SUBMISSION_FIELDS, submissionDoc } from '../components/submissions/search-doc'
import { SubmissionDetailPanel } from '../components/submissions/SubmissionDetailPanel'
import { SubmissionsTable } from '../components/submissions/SubmissionsTable'
import { useIntakeProgress } from '../components/submissions/use-intake-progress'
import { useTeamDetails } from '../components/submissions/use-team-details'
import { filterRows } from '../search'
import { usePodiumEvents } from '../use-events'
import { useApi } from '../use-api'
import '../components/common/common.css'
import '../components/submissions/submissions.css'
import { errorText } from '../../../shared/error-text'
import { instant } from '../components/common/format'

const SEARCH_OPTIONS = { fields: SUBMISSION_FIELDS, aliases: SEARCH_ALIASES }

export function SubmissionsPage({ challengeId }: { challengeId: number }) {
  const challenge = useApi('challenges.get', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const { search, box: searchBox } = useTableSearch(SEARCH_OPTIONS)
  const [notice, setNotice] = useState<{ text: string; error?: boolean; queued?: boolean } | null>(null)
  // "Queued 9 teams" is true until the queue drains: then the notice says how the run ended.
  const sawWork = useRef(false)
  const [relaunching, setRelaunching] = useState<ReadonlySet<number>>(new Set())

  const selected = teams.data?.find((t) => t.id === selectedId)
  // The full report only for the team on screen; the table uses the verdict summaries.
  const selectedTeamId = selected?.id
  const selectedIds = useMemo(() => (selectedTeamId === undefined ? [] : [selectedTeamId]), [selectedTeamId])
  const details = useTeamDetails(selectedIds, false)
  const audit = useApi('audit.list', selected ? { challengeId, teamId: selected.id, limit: 200 } : undefined)

  // Status events come in bursts (four per team): one list reload per burst.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const reloadTeams = teams.reload
  const scheduleReload = useCallback(() => {
    clearTimeout(reloadTimer.current)
    reloadTimer.current = setTimeout(reloadTeams, 60)
  }, [reloadTeams])
  useEffect(() => () => clearTimeout(reloadTimer.current), [])

  const selectedRef = useRef(selectedId)
  selectedRef.current = selectedId
  const progress = useIntakeProgress(challengeId, teams.data, (teamId: number, status: SubmissionStatus) => {
    scheduleReload()
    sawWork.current = true
    if (teamId === selectedRef.current && (status === 'pending' || status === 'done' || status === 'failed')) details.refresh(teamId)
    if (teamId === selectedRef.current) audit.reload()
    if (status === 'done' || status === 'failed') {
      setRelaunching((s) => {
        if (!s.has(teamId)) return s
        const next = new Set(s)
        next.delete(teamId)
        return next
      })
    }
  })
  usePodiumEvents((event) => {
    if (event.type === 'data.changed' && event.challengeId === challengeId) scheduleReload()
  })

  const rows = useMemo(() => filterRows(teams.data ?? [], submissionDoc, search), [teams.data, search])

  const counts = useMemo(() => {
    const c = { total: 0, busy: 0, queued: 0, done: 0, failed: 0, none: 0 }
    for (const t of teams.data ?? []) {
      c.total++
      const s = t.submission?.status
      if (!s || (s === 'pending' && !t.submission?.statusReason)) c.none++
      else if (s === 'pending') c.queued++
      else if (BUSY_STATUSES.has(s)) c.busy++
      else if (s === 'done') c.done++
      else if (s === 'failed') c.failed++
    }
    return c
  }, [teams.data])
  const noticeIsQueued = notice?.queued === true
  useEffect(() => {
    if (!noticeIsQueued) return
    if (counts.busy > 0 || counts.queued > 0) sawWork.current = true
    else if (sawWork.current && relaunching.size === 0) {
      setNotice({ text: `Intake finished: ${counts.done} done, ${counts.failed} failed.` })
    }
  }, [noticeIsQueued, counts, relaunching])
  const [starting, setStarting] = useState(false)
  // Queueing a team that is being fetched or scored would start it again: wait for the run to end.
  const running = counts.busy > 0 || starting

  const runIntake = async (teamIds?: number[]): Promise<void> => {
    setNotice(null)
    sawWork.current = false
    if (teamIds) setRelaunching((s) => new Set([...s, ...teamIds]))
    else setStarting(true)
    try {
      const { queued } = await api.call('intake.run', { challengeId, ...(teamIds ? { teamIds } : {}) })
      setNotice({
        text: queued === 0 ? 'Already queued.' : `Queued ${queued} team${queued === 1 ? '' : 's'} for intake.`,
        queued: queued > 0
      })
      scheduleReload()
    } catch (error) {
      setNotice({ text: `Intake could not start: ${errorText(error)}`, error: true })
      if (teamIds) setRelaunching((s) => new Set([...s].filter((id) => !teamIds.includes(id))))
    } finally {
      setStarting(false)
    }
  }

  const flag = async (teamId: number, reason: string | null): Promise<void> => {
    await api.call('teams.flag', { teamId, reason })
    teams.reload()
    if (teamId === selectedRef.current) {
      details.refresh(teamId)
      audit.reload()
    }
  }

  const decideDuplicate = async (teamId: number, decision: 'distinct' | 'exclude'): Promise<void> => {
    await api.call('teams.decideDuplicate', { teamId, decision })
    teams.reload()
    if (teamId === selectedRef.current) audit.reload()
  }

  if (challenge.error || teams.error) {
    return (
      <p role="alert" className="error">
        {challenge.error ?? teams.error}
      </p>
    )
  }

  return (
    <section className="sub-page" aria-busy={teams.loading && !teams.data}>
      <header className="sub-header">
        <div>
          <h1>Submissions</h1>
          <p className="muted sub-sub">
            {challenge.data ? (
              <>
                Entry tag <code>{challenge.data.entryTag}</code> · deadline{' '}
                <span title={instant(challenge.data.deadline)?.utc}>
                  {instant(challenge.data.deadline)?.local ?? challenge.data.deadline}
                </span>
              </>
            ) : (
              '\u00a0'
            )}
          </p>
        </div>
        <div className="sub-run">
          <button
            type="button"
            className="c-button c-button-primary"
            onClick={() => void runIntake()}
            disabled={running || !teams.data}
            aria-describedby="sub-live"
          >
            {running ? 'Intake running…' : 'Run intake for all'}
          </button>
          <p id="sub-live" className="sub-live" role="status" data-testid="intake-summary">
            {teams.data
              ? counts.busy + counts.queued > 0
                ? `Intake running: ${counts.busy} in progress, ${counts.queued} queued; ${counts.done} done, ${counts.failed} failed (${counts.total} teams).`
                : `${counts.done} done, ${counts.failed} failed${counts.none ? `, ${counts.none} not run yet` : ''} (${counts.total} teams).`
              : 'Loading teams…'}
          </p>
          <p className={`sub-notice${notice?.error ? ' error' : ''}`} role={notice?.error ? 'alert' : undefined}>
            {notice?.text ?? '\u00a0'}
          </p>
        </div>
      </header>

      <SearchBox {...searchBox} shown={rows.length} total={teams.data?.length ?? 0} noun="teams" />

      <div className="sub-table-wrap">
        {teams.data ? (
          <SubmissionsTable
            teams={rows}
            progress={progress}
            search={search}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onRelaunch={(id) => void runIntake([id])}
            relaunching={relaunching}
          />
        ) : (
          <div className="sub-table-placeholder muted">Loading teams…</div>
        )}
      </div>

      {selected && challenge.data ? (
        <SubmissionDetailPanel
          key={selected.id}
          team={selected}
          detail={details.details.get(selected.id)}
          detailError={details.errors.get(selected.id)}
          challenge={challenge.data}
          audit={audit.data?.every((a) => a.teamId === selected.id) ? audit.data : undefined}
          teams={teams.data ?? []}
          onFlag={(reason) => flag(selected.id, reason)}
          onDecideDuplicate={(decision) => decideDuplicate(selected.id, decision)}
        />
      ) : (
        <p className="sub-detail-placeholder muted">
          Select a team (click, or Enter on a row) to see its deadline verdict, dates, problems, evaluations and audit log.
        </p>
      )}

      <AddTeamForm
        challengeId={challengeId}
        existingNames={teams.data?.map((t) => t.name) ?? []}
        onAdded={(team) => {
          teams.reload()
          setSelectedId(team.id)
        }}
      />
    </section>
  )
}
