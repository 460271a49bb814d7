import { useRef, useState } from 'react'
import type { SubmissionStatus, TeamRow } from '../../../../shared/teams'
import { usePodiumEvents } from '../../use-events'

export interface TeamProgress {
  done: number
  total: number
  /** The last message, e.g. "Aurora Labs: receiving objects" or "Scoring Aurora Labs". */
  label: string
}

/**
 * Live intake progress per team from the events pushed by main. 'progress' events name their job
 * (`intake-<submissionId>` / `score-<submissionId>`), not the team: the team is found through its
 * latest submission id, or else through the team name the label starts with.
 */
export function useIntakeProgress(
  challengeId: number,
  teams: readonly TeamRow[] | undefined,
  onStatus: (teamId: number, status: SubmissionStatus, reason?: string) => void
): ReadonlyMap<number, TeamProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<number, TeamProgress>>(new Map())
  const teamsRef = useRef(teams)
  teamsRef.current = teams

  usePodiumEvents((event) => {
    if (event.type === 'submission.status') {
      if (event.challengeId !== challengeId) return
      // A new phase starts from an empty bar; finished teams have none.
      setProgress((m) => {
        if (!m.has(event.teamId)) return m
        const next = new Map(m)
        next.delete(event.teamId)
        return next
      })
      onStatus(event.teamId, event.status as SubmissionStatus, event.reason)
    } else if (event.type === 'progress') {
      const teamId = teamOfJob(event.jobId, event.label, teamsRef.current ?? [])
      if (teamId === undefined) return
      setProgress((m) => new Map(m).set(teamId, { done: event.done, total: event.total, label: event.label }))
    }
  })
  return progress
}

export function teamOfJob(jobId: string, label: string, teams: readonly TeamRow[]): number | undefined {
  const m = /^(?:intake|score)-(\d+)$/.exec(jobId)
  if (m) {
    const submissionId = Number(m[1])
    const bySubmission = teams.find((t) => t.submission?.id === submissionId)
    if (bySubmission) return bySubmission.id
  }
  // The list may not have the new submission yet: the label names the team.
  const named = teams
    .filter((t) => label.startsWith(`${t.name}:`) || label === `Scoring ${t.name}` || label.startsWith(`Scoring ${t.name} `))
    .sort((a, b) => b.name.length - a.name.length)[0]
  return named?.id
}
