// Who may work on a submission: pure rules over a submission's lease, tested without a database.
import type { SubmissionStatus } from '../../shared/teams'

/** This process, as it signs its leases. */
export interface LeaseOwner {
  /** Unique per process run: pid and random bytes (a reused pid never looks like its predecessor). */
  id: string
  pid: number
  host: string
  /** Who, in words, for the other process's message: "podium serve (pid 1234)". */
  holder: string
}

export interface LeaseView {
  owner: string | null
  pid: number | null
  host: string | null
  holder: string | null
  expiresAt: number | null
}

export const FINAL_STATUSES: ReadonlySet<SubmissionStatus> = new Set<SubmissionStatus>(['done', 'failed'])

/**
 * True when another process holds the lease and may still be working: not expired, and, on this host,
 * its process still exists (a killed process's lease is free at once, without waiting for the expiry).
 */
export function heldByOther(lease: LeaseView, me: LeaseOwner, now: number, isAlive: (pid: number) => boolean): boolean {
  if (lease.owner === null || lease.owner === me.id) return false
  if (lease.expiresAt === null || lease.expiresAt <= now) return false
  if (lease.host === me.host && lease.pid !== null && !isAlive(lease.pid)) return false
  return true
}

export type ClaimPlan =
  /** Another live process works on the team's latest submission: wait for it, never start a second one. */
  | { kind: 'busy'; submissionId: number; holder: string }
  /** Take the latest submission (queued, or left unfinished by a process that stopped). */
  | { kind: 'reuse'; submissionId: number; resumedFrom: SubmissionStatus | null }
  /** The latest submission is final (or there is none): a new one. */
  | { kind: 'new' }

/** What to do with a team's latest submission when this process wants to run the team's intake. */
export function planClaim(
  latest: { id: number; status: SubmissionStatus; lease: LeaseView } | undefined,
  me: LeaseOwner,
  now: number,
  isAlive: (pid: number) => boolean
): ClaimPlan {
  if (!latest || FINAL_STATUSES.has(latest.status)) return { kind: 'new' }
  if (heldByOther(latest.lease, me, now, isAlive)) {
    return { kind: 'busy', submissionId: latest.id, holder: latest.lease.holder ?? 'another Podium process' }
  }
  // Started and never finished, or queued by a process that is gone: the work resumes from the fetch.
  const interrupted = latest.status !== 'pending' || (latest.lease.owner !== null && latest.lease.owner !== me.id)
  return { kind: 'reuse', submissionId: latest.id, resumedFrom: interrupted ? latest.status : null }
}

/** Whether a process exists (signal 0 only checks; EPERM means it exists under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
