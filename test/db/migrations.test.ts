import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, schemaVersion } from '../../src/main/db/database'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { openStore } from '../../src/main/db/store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-db-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('database migrations on a real file', () => {
  it('creates every table, WAL mode and foreign keys on a new file', () => {
    const db = openDatabase(join(dir, 'a.sqlite'))
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(
      expect.arrayContaining(['challenges', 'teams', 'submissions', 'evaluations', 'examples', 'witnesses', 'audit_log'])
    )
    db.close()
  })

  it('reopening keeps the data and applies nothing twice', () => {
    const store = openStore(dir)
    store.audit.record({ challengeId: null, action: 'test', detail: 'kept' })
    store.close()
    const db = openDatabase(join(dir, 'podium.sqlite'))
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.prepare('SELECT detail FROM audit_log').pluck().get()).toBe('kept')
    db.close()
  })

  it('numbers the migration files 1..N without gaps, in the order they run', () => {
    // user_version counts migrations, so a file numbered out of order would be skipped by (or run
    // twice on) a database that already holds the later ones.
    const files = readdirSync(join(__dirname, '../../src/main/db/migrations')).filter((f) => f.endsWith('.sql'))
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('upgrades a file of the first ConvAI2 release (schema 4: init, convai2, tokenizer, wild) to the latest', () => {
    const db = new Database(join(dir, 'released.sqlite'))
    migrate(db, MIGRATIONS.slice(0, 4))
    const wildColumns = db.prepare("SELECT name FROM pragma_table_info('bots')").pluck().all()
    expect(wildColumns).toContain('last_poll_at')
    migrate(db)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    const evaluationColumns = db.prepare("SELECT name FROM pragma_table_info('evaluations')").pluck().all()
    expect(evaluationColumns).toEqual(expect.arrayContaining(['params_json', 'warnings_json']))
    db.close()
  })

  it('a failing migration leaves the file at the last good version', () => {
    const db = new Database(join(dir, 'c.sqlite'))
    const good = 'CREATE TABLE one (x INTEGER);'
    const bad = 'CREATE TABLE two (y INTEGER); INSERT INTO missing_table VALUES (1);'
    expect(() => migrate(db, [good, bad])).toThrow(/missing_table/)
    expect(schemaVersion(db)).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(['one'])
    db.close()
  })

  it('refuses a database written by a newer Podium', () => {
    const db = new Database(join(dir, 'd.sqlite'))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    expect(() => migrate(db)).toThrow(/newer than this Podium/)
    db.close()
  })

  it('enforces foreign keys: a team needs an existing challenge', () => {
    const store = openStore(dir)
    expect(() =>
      store.teams.insert({
        challengeId: 999,
        name: 'x',
        repo: '/nowhere',
        contact: '',
        anonId: 'Team 1',
        isBaseline: false,
        flaggedReason: null
      })
    ).toThrow(/FOREIGN KEY/)
    store.close()
  })
})
