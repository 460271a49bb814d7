import type { DuplicateDecision } from '../ranking/duplicates'
import type { Db } from './database'

interface DecisionRow {
  team_id: number
  decision: DuplicateDecision
  fingerprint: string
}

/** The organizer's decisions on duplicate entries, one per team. */
export function duplicateDecisions(db: Db) {
  const byChallenge = db.prepare<[number], DecisionRow>(
    `SELECT d.team_id, d.decision, d.fingerprint FROM duplicate_decisions d
       JOIN teams t ON t.id = d.team_id WHERE t.challenge_id = ?`
  )
  const upsert = db.prepare(
    `INSERT INTO duplicate_decisions (team_id, decision, fingerprint) VALUES (@teamId, @decision, @fingerprint)
     ON CONFLICT (team_id) DO UPDATE SET decision = excluded.decision, fingerprint = excluded.fingerprint,
       decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
  )
  const remove = db.prepare<[number]>('DELETE FROM duplicate_decisions WHERE team_id = ?')
  return {
    forChallenge(challengeId: number): Map<number, { decision: DuplicateDecision; fingerprint: string }> {
      return new Map(byChallenge.all(challengeId).map((r) => [r.team_id, { decision: r.decision, fingerprint: r.fingerprint }]))
    },
    set(teamId: number, decision: DuplicateDecision, fingerprint: string): void {
      upsert.run({ teamId, decision, fingerprint })
    },
    clear(teamId: number): void {
      remove.run(teamId)
    }
  }
}
