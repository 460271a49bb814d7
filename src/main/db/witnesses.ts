import type { Db } from './database'

export interface WitnessRecord {
  teamId: number
  tag: string
  tagObject: string | null
  commit: string | null
  seenAt: string
  error: string | null
}

interface WitnessRow {
  team_id: number
  tag: string
  tag_object: string | null
  commit_sha: string | null
  seen_at: string
  error: string | null
}

/** What each team's entry tag pointed at when the organizers looked at the deadline. */
export function witnessesTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO witnesses (team_id, tag, tag_object, commit_sha, seen_at, error)
     VALUES (@teamId, @tag, @tagObject, @commit, @seenAt, @error)`
  )
  // The first sighting is the one that proves what existed at the deadline.
  const first = db.prepare<[number, string], WitnessRow>(
    'SELECT * FROM witnesses WHERE team_id = ? AND tag = ? AND error IS NULL ORDER BY seen_at, id LIMIT 1'
  )
  const insertAll = db.transaction((records: WitnessRecord[]) => {
    for (const r of records) insert.run(r)
  })
  return {
    recordAll(records: WitnessRecord[]): void {
      insertAll(records)
    },
    first(teamId: number, tag: string): WitnessRecord | undefined {
      const r = first.get(teamId, tag)
      return r && { teamId: r.team_id, tag: r.tag, tagObject: r.tag_object, commit: r.commit_sha, seenAt: r.seen_at, error: r.error }
    }
  }
}
