// Leases on submissions (migration 008): which process works on which submission, until when.
import type { LeaseOwner, LeaseView } from '../services/lease-rules'
import type { Db } from './database'

interface LeaseRow {
  id: number
  team_id: number
  status: string
  lease_owner: string | null
  lease_pid: number | null
  lease_host: string | null
  lease_holder: string | null
  lease_expires_at: number | null
}

const toView = (r: LeaseRow): LeaseView => ({
  owner: r.lease_owner,
  pid: r.lease_pid,
  host: r.lease_host,
  holder: r.lease_holder,
  expiresAt: r.lease_expires_at
})

export function leasesTable(db: Db) {
  const byId = db.prepare<[number], LeaseRow>('SELECT * FROM submissions WHERE id = ?')
  const unfinished = db.prepare<[number], LeaseRow>(
    `SELECT * FROM submissions WHERE team_id = ? AND status IN ('pending', 'fetching', 'validating', 'scoring') ORDER BY id`
  )
  // A pending row nobody ever queued (a new team's) waits for the organizer, not for a restart.
  const interrupted = db.prepare<[], LeaseRow>(
    `SELECT * FROM submissions
     WHERE status IN ('fetching', 'validating', 'scoring')
        OR (status = 'pending' AND (lease_owner IS NOT NULL OR status_reason = 'queued' OR status_code = 'RESUMED'))
     ORDER BY id`
  )
  const take = db.prepare(
    `UPDATE submissions SET lease_owner = @id, lease_pid = @pid, lease_host = @host, lease_holder = @holder,
       lease_expires_at = @expiresAt WHERE id = @submissionId`
  )
  const renew = db.prepare<[number, string]>('UPDATE submissions SET lease_expires_at = ? WHERE lease_owner = ?')
  const release = db.prepare<[number, string]>(
    `UPDATE submissions SET lease_owner = NULL, lease_pid = NULL, lease_host = NULL, lease_holder = NULL, lease_expires_at = NULL
     WHERE id = ? AND lease_owner = ?`
  )
  const clear = db.prepare<[number]>(
    `UPDATE submissions SET lease_owner = NULL, lease_pid = NULL, lease_host = NULL, lease_holder = NULL, lease_expires_at = NULL
     WHERE id = ?`
  )
  const held = db.prepare<[string], { id: number }>('SELECT id FROM submissions WHERE lease_owner = ? ORDER BY id')

  return {
    lease(submissionId: number): LeaseView | undefined {
      const row = byId.get(submissionId)
      return row && toView(row)
    },
    /** A team's submissions that are not final, oldest first, with their leases. */
    unfinished(teamId: number): Array<{ id: number; status: string; lease: LeaseView }> {
      return unfinished.all(teamId).map((r) => ({ id: r.id, status: r.status, lease: toView(r) }))
    },
    /** Submissions started or queued by some process and not final (whether that process still runs or not). */
    interrupted(): Array<{ id: number; teamId: number; status: string; lease: LeaseView }> {
      return interrupted.all().map((r) => ({ id: r.id, teamId: r.team_id, status: r.status, lease: toView(r) }))
    },
    /** Call inside the transaction that decided the claim (an immediate one: no other writer in between). */
    take(submissionId: number, owner: LeaseOwner, expiresAt: number): void {
      take.run({ submissionId, id: owner.id, pid: owner.pid, host: owner.host, holder: owner.holder, expiresAt })
    },
    holds(submissionId: number, owner: LeaseOwner): boolean {
      return byId.get(submissionId)?.lease_owner === owner.id
    },
    /** Pushes back the expiry of every lease this process holds; returns how many. */
    renewAll(owner: LeaseOwner, expiresAt: number): number {
      return renew.run(expiresAt, owner.id).changes
    },
    release(submissionId: number, owner: LeaseOwner): boolean {
      return release.run(submissionId, owner.id).changes === 1
    },
    /** Drops whatever lease a submission has (its holder is gone: the caller checked). */
    clear(submissionId: number): void {
      clear.run(submissionId)
    },
    heldBy(owner: LeaseOwner): number[] {
      return held.all(owner.id).map((r) => r.id)
    }
  }
}
