import type { TeamRow } from '../../../../shared/teams'
import { highlighter, type ParsedSearch } from '../../search'
import { BUSY_STATUSES, Badge, StatusBadge } from '../common/Badge'
import { EmptyRow } from '../common/EmptyRow'
import { Highlight } from '../common/Highlight'
import { ProgressBar } from '../common/ProgressBar'
import { rowKeys } from '../common/row-keys'
import { problemTitle } from './problem-text'
import { submissionDoc } from './search-doc'
import type { TeamProgress } from './use-intake-progress'
import './submissions.css'

/** No intake has run yet: no submission, or the pending one a new team starts with (no reason given). */
const neverRun = (team: TeamRow): boolean => !team.submission || (team.submission.status === 'pending' && !team.submission.statusReason)

function progressText(team: TeamRow, p: TeamProgress | undefined): string {
  const status = team.submission?.status
  // A pending submission carries a reason once intake has queued it; the demo's first one has none.
  if (status === 'pending') return team.submission?.statusReason ? 'queued' : 'not run yet'
  if (!status || !BUSY_STATUSES.has(status)) return '\u00a0'
  if (p && p.total > 0) return `${status} ${p.done}/${p.total}`
  return `${status}…`
}

/** The repository could not be read: its licence was never looked at (not "none"). */
const UNREAD_CODES = new Set(['UNREACHABLE', 'AUTH_REQUIRED', 'REPO_NOT_FOUND', 'REPO_TOO_LARGE', 'REPO_CORRUPT', 'TAG_MISSING'])

function duplicateTitle(team: TeamRow, teams: readonly TeamRow[]): string {
  const d = team.duplicate!
  const others = d.otherTeamIds.map((id) => teams.find((t) => t.id === id)?.name ?? `team ${id}`).join(', ')
  const what = d.basis === 'commit' ? 'the same commit' : 'the same prediction files'
  return `Duplicate entry: ${what} as ${others}; ${d.state === 'exclude' ? 'excluded from winners' : 'cannot win until you decide'}`
}

export function SubmissionsTable({
  teams,
  progress,
  search,
  selectedId,
  onSelect,
  onRelaunch,
  relaunching
}: {
  teams: readonly TeamRow[]
  progress: ReadonlyMap<number, TeamProgress>
  search: ParsedSearch
  selectedId: number | null
  onSelect(teamId: number): void
  onRelaunch(teamId: number): void
  relaunching: ReadonlySet<number>
}) {
  return (
    <table className="grid sub-table" aria-label="Teams and their submissions">
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Deadline verdict</th>
          <th scope="col">Problems</th>
          <th scope="col">Licence</th>
          <th scope="col">Tag</th>
          <th scope="col">
            <span className="c-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {teams.length === 0 && <EmptyRow columns={8}>No team matches the search.</EmptyRow>}
        {teams.map((team) => {
          const report = team.verdict
          const hl = highlighter(submissionDoc(team), search)
          const status = team.submission?.status
          const active = status !== undefined && BUSY_STATUSES.has(status)
          const p = progress.get(team.id)
          const selected = team.id === selectedId
          const codes: Array<[string, 'error' | 'warning']> = [
            ...(report?.errors ?? []).map((code): [string, 'error'] => [code, 'error']),
            ...(report?.warnings ?? []).map((code): [string, 'warning'] => [code, 'warning'])
          ]
          if (team.duplicate && team.duplicate.state !== 'distinct') codes.unshift(['DUPLICATE_ENTRY', 'error'])
          if (team.submission?.statusCode && !codes.some(([c]) => c === team.submission!.statusCode)) {
            codes.unshift([team.submission.statusCode, 'error'])
          }
          return (
            <tr
              key={team.id}
              tabIndex={0}
              data-team={team.name}
              data-status={status ?? 'none'}
              className={`sub-row${selected ? ' sub-row-selected' : ''}${team.isBaseline ? ' baseline' : ''}`}
              aria-current={selected ? 'true' : undefined}
              aria-label={`${team.name}, ${status ?? 'no submission'}${report ? (report.ok ? ', deadline verdict OK' : ', deadline verdict not OK') : ''}`}
              onClick={() => onSelect(team.id)}
              onKeyDown={(e) => rowKeys(e, () => onSelect(team.id))}
            >
              <th scope="row" className="sub-team">
                <span className="sub-team-name">
                  <Highlight text={team.name} ranges={hl('team', team.name)} />
                </span>
                <span className="sub-team-meta">
                  <Highlight text={team.anonId} ranges={hl('team', team.anonId)} />
                  {team.isBaseline && <Badge>baseline</Badge>}
                  {team.flaggedReason && (
                    <Badge tone="danger" title={team.flaggedReason}>
                      ⚑ flagged
                    </Badge>
                  )}
                </span>
              </th>
              <td>
                <StatusBadge status={status ?? null}>
                  {status ? <Highlight text={status} ranges={hl('status', status)} /> : undefined}
                </StatusBadge>
              </td>
              <td className="sub-progress-cell">
                <ProgressBar active={active} done={p?.done} total={p?.total} label={`${team.name}: ${status ?? ''} progress`} />
                <span className="sub-progress-text" title={p?.label}>
                  {progressText(team, p)}
                </span>
              </td>
              <td data-testid="verdict">
                {report ? (
                  <Badge tone={report.ok ? 'ok' : 'danger'}>
                    <Highlight text={report.ok ? 'ok' : 'not ok'} ranges={hl('verdict', report.ok ? 'ok' : 'not ok')} />
                  </Badge>
                ) : (
                  <span className="muted">{status === 'failed' ? 'not checked' : '—'}</span>
                )}
                {report?.attempted && (
                  <span className="muted sub-attempted" data-testid="attempted" title={`partial entry, attempted: ${report.attempted}`}>
                    {' '}
                    partial
                  </span>
                )}
              </td>
              <td className="sub-codes" data-testid="codes">
                {codes.length === 0 ? (
                  <span className="muted">{report ? 'none' : ''}</span>
                ) : (
                  codes.map(([code, severity]) => (
                    <span
                      key={code}
                      className={`sub-code sub-code-${severity}`}
                      title={`${severity}: ${code === 'DUPLICATE_ENTRY' ? duplicateTitle(team, teams) : problemTitle(code)}`}
                    >
                      <Highlight text={code} ranges={hl('code', code)} />
                    </span>
                  ))
                )}
              </td>
              <td data-testid="licence">
                {report?.license ? (
                  <span className={report.license.permissive ? undefined : 'error'}>
                    <Highlight text={report.license.kind} ranges={hl('license', report.license.kind)} />
                  </span>
                ) : (
                  <span className="muted">{report ? (report.errors.some((c) => UNREAD_CODES.has(c)) ? 'not checked' : 'none') : ''}</span>
                )}
              </td>
              <td>{report ? <Highlight text={report.tagType ?? 'missing'} ranges={hl('tag', report.tagType ?? 'missing')} /> : null}</td>
              <td className="sub-actions">
                <button
                  type="button"
                  className="c-button c-button-small"
                  disabled={active || relaunching.has(team.id)}
                  aria-label={`${neverRun(team) ? 'Run' : 'Relaunch'} intake for ${team.name}`}
                  onClick={(e) => {
                    e.stopPropagation()
                    onRelaunch(team.id)
                  }}
                  onKeyDown={(e) => e.stopPropagation()}
                >
                  {neverRun(team) ? 'Run' : 'Relaunch'}
                </button>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
