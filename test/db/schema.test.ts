// The schema as a committed snapshot, and the query plans of the hot queries.
//
// The snapshot (test/db/schema-snapshot.sql) holds the sha256 of every migration and the schema a
// fresh database ends with: editing a migration that has already run somewhere fails here. After
// adding a migration (or merging branches that add some), regenerate it and commit it:
//
//   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/db/schema.test.ts
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/database'
import { auditLog } from '../../src/main/db/audit'
import { evaluationsTable } from '../../src/main/db/evaluations'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { teamsTable } from '../../src/main/db/teams'

const SNAPSHOT = join(__dirname, 'schema-snapshot.sql')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-schema-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function schemaSnapshot(db: Db): string {
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string }>
  return [
    '-- Podium schema snapshot. Regenerate: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/db/schema.test.ts',
    `-- user_version ${MIGRATIONS.length}`,
    ...MIGRATIONS.map((sql, i) => `-- migration ${i + 1} sha256 ${createHash('sha256').update(sql).digest('hex')}`),
    '',
    ...objects.map((o) => `-- ${o.type} ${o.name}\n${o.sql};\n`)
  ].join('\n')
}

/** The SQL of every statement a table module prepares, in order (read as the module prepares it). */
function preparedBy(db: Db, build: (db: Db) => unknown): string[] {
  const sources: string[] = []
  const spy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          sources.push(sql)
          return target.prepare(sql)
        }
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    }
  })
  build(spy)
  return sources
}

const planOf = (db: Db, sql: string, params: unknown): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as Array<{ detail: string }>).map((row) => row.detail)

describe('schema snapshot', () => {
  it('a fresh database has exactly the committed schema, from unedited migrations', () => {
    const db = openDatabase(join(dir, 'fresh.sqlite'))
    const actual = schemaSnapshot(db)
    db.close()
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual)
    expect(actual).toBe(readFileSync(SNAPSHOT, 'utf8'))
  })
})

describe('query plans of the hot queries use an index', () => {
  it('examples of one evaluation (50,000 rows across evaluations), every filter, and the leaderboard read', () => {
    const db = openDatabase(join(dir, 'plans.sqlite'))
    db.exec(`INSERT INTO challenges (id, slug, name, kind, deadline, entry_tag, config_json, anon_seed)
               VALUES (1, 'c', 'C', 'simmc', '2020-09-27T23:59:59-12:00', 't', '{}', 's');
             INSERT INTO teams (id, challenge_id, name, repo, anon_id) VALUES (1, 1, 'A', '/a', 'Team 1'), (2, 1, 'B', '/b', 'Team 2');
             INSERT INTO submissions (id, team_id, tag) VALUES (1, 1, 't'), (2, 2, 't');`)
    const addEvaluation = db.prepare(
      `INSERT INTO evaluations (submission_id, task, domain, single_round, n, metrics_json, stderr_json, coverage_json, input_sha256)
       VALUES (?, ?, 'fashion', 0, 0, '{}', '{}', '{}', 'x')`
    )
    const addExample = db.prepare('INSERT INTO examples VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (const [submission, task] of [
        [1, 'simmc-st1'],
        [2, 'simmc-st1'],
        [1, 'simmc-st3'],
        [2, 'simmc-st3']
      ] as const) {
        const evaluation = Number(addEvaluation.run(submission, task).lastInsertRowid)
        for (let i = 0; i < 12_500; i++) {
          addExample.run(evaluation, i, `d${i >> 3}`, i & 7, `g${i % 50}`, `p${i % 40}`, (i % 3) / 2, '{"goldAction":"SearchFurniture"}')
        }
      }
    })()
    db.exec('ANALYZE')
    expect(db.prepare('SELECT count(*) FROM examples').pluck().get()).toBe(50_000)

    const sources = preparedBy(db, evaluationsTable)
    const page = sources.find((s) => /FROM examples WHERE[\s\S]*ORDER BY idx LIMIT/.test(s))!
    const count = sources.find((s) => /count\(\*\) AS n FROM examples/.test(s))!
    const latest = sources.find((s) => /JOIN submissions[\s\S]*WHERE t\.challenge_id = \?/.test(s))!
    expect([page, count, latest].every(Boolean)).toBe(true)

    const none = {
      id: 2,
      wrongOnly: 0,
      minScore: null,
      maxScore: null,
      gold: null,
      dialogId: null,
      goldAction: null,
      predictedAction: null
    }
    const filters = [
      { ...none, text: null },
      { ...none, wrongOnly: 1, text: 'd12' },
      { ...none, dialogId: 'd7', text: null },
      { ...none, gold: 'g3', minScore: 0.5, maxScore: 1, goldAction: 'SearchFurniture', predictedAction: 'None', text: null }
    ]
    for (const filter of filters) {
      for (const plan of [planOf(db, page, { ...filter, limit: 200, offset: 0 }), planOf(db, count, filter)]) {
        // One evaluation's rows by the primary key, in idx order: never a scan of all 50,000, never a sort.
        expect(plan.join(' | ')).toMatch(/^SEARCH examples USING (PRIMARY KEY|INDEX) \(evaluation_id=\?\)/)
        expect(plan.join(' | ')).not.toMatch(/SCAN examples|TEMP B-TREE/)
      }
    }

    const board = planOf(db, latest, [1]).join(' | ')
    expect(board).not.toMatch(/SCAN (e|s|t|evaluations|submissions|teams)\b/)
    expect(board).toMatch(/SEARCH e USING INDEX \S+ \(submission_id=\?\)/)

    const teamSql = preparedBy(db, teamsTable).filter((s) =>
      /FROM teams WHERE challenge_id = \?|FROM submissions WHERE team_id = \?/.test(s)
    )
    const auditSql = preparedBy(db, auditLog).filter((s) => /^\s*SELECT/i.test(s))
    expect(teamSql.length).toBeGreaterThan(0)
    expect(auditSql.length).toBeGreaterThan(0)
    for (const sql of [...teamSql, ...auditSql]) {
      const named = [...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, 1])
      const params = named.length ? Object.fromEntries(named) : Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1)
      expect(planOf(db, sql, params).join(' | '), sql).not.toMatch(/\bSCAN (teams|submissions|audit_log)\b/)
    }
    db.close()
  })
})
