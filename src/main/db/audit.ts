import type { AuditEntry } from '../../shared/teams'
import type { Db } from './database'

interface AuditRow {
  id: number
  at: string
  challenge_id: number | null
  team_id: number | null
  action: string
  detail: string
}

/** The append-only record of what the organizer (or Podium) did and when. */
export function auditLog(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (challenge_id, team_id, action, detail) VALUES (@challengeId, @teamId, @action, @detail)'
  )
  const list = db.prepare<{ challengeId: number; teamId: number | null; limit: number }, AuditRow>(
    `SELECT * FROM audit_log WHERE challenge_id = @challengeId AND (@teamId IS NULL OR team_id = @teamId)
     ORDER BY id DESC LIMIT @limit`
  )
  return {
    record(entry: { challengeId: number | null; teamId?: number | null; action: string; detail?: string }): void {
      insert.run({ teamId: null, detail: '', ...entry })
    },
    list(challengeId: number, teamId: number | null = null, limit = 200): AuditEntry[] {
      return list.all({ challengeId, teamId, limit }).map((r) => ({
        id: r.id,
        at: r.at,
        challengeId: r.challenge_id,
        teamId: r.team_id,
        action: r.action,
        detail: r.detail
      }))
    }
  }
}
