// Migration 007 rebuilds the wild-evaluation tables on a file that already holds dialogs:
// nothing is lost, the foreign keys still cascade, and 'invalid-limit' becomes a close reason.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/database'
import { MIGRATIONS } from '../../src/main/db/migrations'

const dir = mkdtempSync(join(tmpdir(), 'podium-wild-migration-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('keeps bots, dialogs, messages and ratings through migration 004 (wild)', () => {
  const db = new Database(join(dir, 'podium.sqlite'))
  db.pragma('foreign_keys = ON')
  const v7 = MIGRATIONS.findIndex((sql) => sql.includes('wild_dialogs_v7'))
  expect(v7).toBeGreaterThan(0)
  migrate(db, MIGRATIONS.slice(0, v7))
  db.exec(`
    INSERT INTO bots (id, token, name, invalid_count) VALUES (1, 'token-0001', 'b', 4);
    INSERT INTO wild_dialogs (id, chat_id, bot_id, profile_json, status, close_reason, started_at, last_activity_at, closed_at)
      VALUES (1, 111, 1, '["a"]', 'closed', 'ended', 't0', 't1', 't2'), (2, 222, 1, '["b"]', 'open', NULL, 't0', 't1', NULL);
    INSERT INTO wild_messages (dialog_id, message_id, sender, text, sent_at, update_id, delivered_at)
      VALUES (1, 0, 'human', '/start', 't0', 1, 't0'), (2, 0, 'human', '/start', 't0', 2, NULL);
    INSERT INTO wild_messages (dialog_id, message_id, sender, text, sent_at, msg_evaluation_json)
      VALUES (1, 1, 'bot', 'hi', 't1', '1');
    INSERT INTO wild_ratings (dialog_id, quality, rated_at) VALUES (1, 4, 't2');
  `)
  migrate(db, MIGRATIONS)
  expect(db.prepare('SELECT count(*) FROM wild_messages').pluck().get()).toBe(3)
  expect(db.prepare('SELECT quality FROM wild_ratings WHERE dialog_id = 1').pluck().get()).toBe(4)
  expect(db.prepare('SELECT invalid_count, last_poll_at FROM bots').get()).toEqual({ invalid_count: 4, last_poll_at: null })
  expect(db.prepare("SELECT name FROM sqlite_master WHERE sql LIKE '%_v7%'").pluck().all()).toEqual([])
  db.prepare("UPDATE wild_dialogs SET status = 'closed', close_reason = 'invalid-limit', closed_at = 't3' WHERE id = 2").run()
  expect(() => db.prepare("UPDATE wild_dialogs SET close_reason = 'whatever' WHERE id = 2").run()).toThrow(/CHECK/)
  expect(db.pragma('foreign_key_check')).toEqual([])
  // Foreign keys point at the rebuilt table: deleting a dialog still removes its messages.
  db.prepare('DELETE FROM wild_dialogs WHERE id = 1').run()
  expect(db.prepare('SELECT count(*) FROM wild_messages').pluck().get()).toBe(1)
  expect(db.prepare('SELECT count(*) FROM wild_ratings').pluck().get()).toBe(0)
  db.close()
})
