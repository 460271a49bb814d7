// A populated version-1 database file upgraded one migration at a time to the latest: after every
// step the rows written before are still there, column for column, and the final file reads through
// the store like a new one.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, schemaVersion, type Db } from '../../src/main/db/database'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { DB_FILE, openStore } from '../../src/main/db/store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-upgrade-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Opened as openDatabase does, without migrating: the test drives the versions. */
function openRaw(): Db {
  const db = new Database(join(dir, DB_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  return db
}

const columnsOf = (db: Db, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string }>).map((c) => c.name)

/** Every row of every table, restricted to the columns given (those the table had when written). */
function rowsOf(db: Db, columns: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(columns).map(([table, cols]) => [
      table,
      (db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()
    ])
  )
}

function tablesOf(db: Db): Record<string, string[]> {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
  return Object.fromEntries(names.map((t) => [t, columnsOf(db, t)]))
}

/** What an organizer had at version 1: a challenge, teams, a scored submission, witnesses, audit. */
function writeVersion1Rows(db: Db): void {
  db.exec(`
    INSERT INTO challenges (id, slug, name, kind, deadline, entry_tag, config_json, anon_seed)
      VALUES (1, 'simmc-2020', 'SIMMC 2020', 'simmc', '2020-09-27T23:59:59-12:00', 'dstc9-simmc-entry',
              '{"domains":["fashion"],"categories":[],"combination":"per-domain","modelGlobs":[],"goldDir":"g","singleRound":false}', 'seed');
    INSERT INTO teams (id, challenge_id, name, repo, contact, anon_id, is_baseline, flagged_reason)
      VALUES (1, 1, 'Harbor Bots', '/repos/harbor', 'h@example.org', 'Team 2', 0, NULL),
             (2, 1, 'Baseline', '/repos/base', '', 'Baseline', 1, 'late tag');
    INSERT INTO submissions (id, team_id, tag, resolved_commit, status, status_code, status_reason, report_json)
      VALUES (1, 1, 'dstc9-simmc-entry', 'abc123', 'done', NULL, 'scored', '{"ok":true,"problems":[{"code":"LICENSE_UNKNOWN","severity":"warning","message":"m"}],"license":null,"tag":{"type":"annotated"}}'),
             (2, 2, 'dstc9-simmc-entry', NULL, 'failed', 'TAG_MISSING', 'no tag', NULL);
    INSERT INTO evaluations (id, submission_id, task, domain, single_round, n, metrics_json, stderr_json, coverage_json, input_sha256)
      VALUES (1, 1, 'simmc-st1', 'fashion', 0, 2, '{"action_accuracy":0.5}', '{"action_accuracy":0.35}', '{"predicted":2,"total":2}', 'ff00');
    INSERT INTO examples (evaluation_id, idx, dialog_id, turn, gold, prediction, score, detail_json)
      VALUES (1, 0, 'd1', 0, 'SearchFurniture', 'SearchFurniture', 1, NULL),
             (1, 1, 'd1', 1, 'None', 'Rotate', 0, '{"goldAction":"None"}');
    INSERT INTO witnesses (team_id, tag, tag_object, commit_sha, seen_at, error)
      VALUES (1, 'dstc9-simmc-entry', 'obj', 'abc123', '2020-09-28T00:00:00Z', NULL);
    INSERT INTO audit_log (challenge_id, team_id, action, detail)
      VALUES (1, NULL, 'challenge.created', 'gold from g'), (1, 1, 'team.added', 'Harbor Bots'), (1, 2, 'team.flagged', 'late tag');
  `)
}

/** Version 2 added the wild evaluation: a bot with a rated dialog, carried through later rebuilds. */
function writeVersion2Rows(db: Db): void {
  db.exec(`
    INSERT INTO bots (id, token, team_id, name, invalid_count) VALUES (7, 'tok-7', 1, 'harbor-bot', 2);
    INSERT INTO wild_dialogs (id, chat_id, bot_id, profile_json, opponent_profile_json, bot_choice, status, close_reason,
                              started_at, last_activity_at, closed_at)
      VALUES (1, 1001, 7, '["i like tea."]', '["i hate tea."]', 1, 'closed', 'ended', '2020-10-01T10:00:00Z', '2020-10-01T10:05:00Z', '2020-10-01T10:05:00Z');
    INSERT INTO wild_messages (dialog_id, message_id, sender, text, sent_at, update_id)
      VALUES (1, 0, 'human', '/start', '2020-10-01T10:00:00Z', 1), (1, 1, 'human', 'hello', '2020-10-01T10:01:00Z', 2);
    INSERT INTO wild_messages (dialog_id, message_id, sender, text, sent_at, msg_evaluation_json)
      VALUES (1, 2, 'bot', 'hi there', '2020-10-01T10:02:00Z', '{"message_id":1,"score":1}');
    INSERT INTO wild_ratings (dialog_id, quality, roleplay_choice, roleplay_correct, rated_at) VALUES (1, 4, 1, 1, '2020-10-01T10:05:00Z');
  `)
}

describe('upgrading a populated older database', () => {
  it('goes from version 1 with rows to the latest one step at a time, keeping every row', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(1)
    let db = openRaw()
    migrate(db, MIGRATIONS.slice(0, 1))
    writeVersion1Rows(db)
    const written = { columns: tablesOf(db), rows: {} as Record<string, string[]> }
    written.rows = rowsOf(db, written.columns)
    db.close()

    for (let version = 2; version <= MIGRATIONS.length; version++) {
      // Each step on a closed and reopened file, as a user who skipped no release would have it.
      db = openRaw()
      migrate(db, MIGRATIONS.slice(0, version))
      expect(schemaVersion(db)).toBe(version)
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(rowsOf(db, written.columns), `after migration ${version}`).toEqual(written.rows)
      if (version === 2) {
        writeVersion2Rows(db)
        const wild = Object.fromEntries(['bots', 'wild_dialogs', 'wild_messages', 'wild_ratings'].map((t) => [t, columnsOf(db, t)]))
        Object.assign(written.columns, wild)
        written.rows = rowsOf(db, written.columns)
      }
      db.close()
    }

    // The upgraded file reads through the store like a new one.
    const store = openStore(dir)
    try {
      expect(schemaVersion(store.db)).toBe(MIGRATIONS.length)
      expect(store.challenges.get(1)).toMatchObject({ slug: 'simmc-2020', deadline: '2020-09-27T23:59:59-12:00' })
      const teams = store.teams.list(1)
      expect(teams.map((t) => [t.name, t.anonId, t.isBaseline, t.flaggedReason])).toEqual([
        ['Baseline', 'Baseline', true, 'late tag'],
        ['Harbor Bots', 'Team 2', false, null]
      ])
      expect(teams.find((t) => t.id === 1)!.submission).toMatchObject({ status: 'done', statusReason: 'scored' })
      const [evaluation] = store.evaluations.forChallenge(1)
      expect(evaluation).toMatchObject({ task: 'simmc-st1', metrics: { action_accuracy: 0.5 }, stderr: { action_accuracy: 0.35 } })
      expect(store.evaluations.countExamples({ evaluationId: 1, wrongOnly: true })).toBe(1)
      expect(store.audit.list(1, null, 10).map((a) => a.action)).toEqual(['team.flagged', 'team.added', 'challenge.created'])
      expect(store.convai2.bots()).toEqual([expect.objectContaining({ id: 7, token: 'tok-7', name: 'harbor-bot', invalid_count: 2 })])
    } finally {
      store.close()
    }
  })
})
