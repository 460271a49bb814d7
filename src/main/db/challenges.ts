import type { Challenge, ChallengeConfig, ChallengeSummary } from '../../shared/challenge'
import type { Db } from './database'

interface ChallengeRow {
  id: number
  slug: string
  name: string
  kind: Challenge['kind']
  deadline: string
  entry_tag: string
  config_json: string
  anon_seed: string
  created_at: string
}

export type NewChallenge = Omit<Challenge, 'id' | 'createdAt'> & { anonSeed: string }

const toChallenge = (row: ChallengeRow): Challenge => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind,
  deadline: row.deadline,
  entryTag: row.entry_tag,
  config: JSON.parse(row.config_json) as ChallengeConfig,
  createdAt: row.created_at
})

export function challengesTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO challenges (slug, name, kind, deadline, entry_tag, config_json, anon_seed)
     VALUES (@slug, @name, @kind, @deadline, @entryTag, @config, @anonSeed)`
  )
  const update = db.prepare(
    'UPDATE challenges SET name = @name, deadline = @deadline, entry_tag = @entryTag, config_json = @config WHERE id = @id'
  )
  const byId = db.prepare<[number], ChallengeRow>('SELECT * FROM challenges WHERE id = ?')
  const bySlug = db.prepare<[string], ChallengeRow>('SELECT * FROM challenges WHERE slug = ?')
  const summaries = db.prepare<[], ChallengeRow & { team_count: number }>(
    `SELECT c.*, (SELECT count(*) FROM teams t WHERE t.challenge_id = c.id AND t.is_baseline = 0) AS team_count
     FROM challenges c ORDER BY c.id`
  )

  return {
    insert(challenge: NewChallenge): number {
      const info = insert.run({ ...challenge, config: JSON.stringify(challenge.config) })
      return Number(info.lastInsertRowid)
    },
    update(id: number, fields: Pick<Challenge, 'name' | 'deadline' | 'entryTag' | 'config'>): void {
      update.run({ id, ...fields, config: JSON.stringify(fields.config) })
    },
    get(id: number): Challenge | undefined {
      const row = byId.get(id)
      return row && toChallenge(row)
    },
    getBySlug(slug: string): Challenge | undefined {
      const row = bySlug.get(slug)
      return row && toChallenge(row)
    },
    anonSeed(id: number): string | undefined {
      return byId.get(id)?.anon_seed
    },
    list(): ChallengeSummary[] {
      return summaries.all().map((row) => {
        const { id, slug, name, kind, deadline, entryTag } = toChallenge(row)
        return { id, slug, name, kind, deadline, entryTag, teamCount: row.team_count }
      })
    }
  }
}
