import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { schemaVersion } from '../db/database'
import { MIGRATIONS } from '../db/migrations'
import { openStore } from '../db/store'
import { defaultDataDir } from '../paths'
import { defineCommand, flag, text } from './define-command'

/** Every table, read from the schema itself so new migrations need no edit here. */
const tablesOf = (db: import('better-sqlite3').Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").pluck().all() as string[]

export const dbCommand = defineCommand({
  name: 'db',
  usage: 'info [--data DIR] [--json]',
  summary: 'show the database file, schema version and row counts',
  actions: ['info'],
  options: { data: text, json: flag },
  async run({ values }) {
    const store = openStore(resolve(values.data ?? defaultDataDir()))
    try {
      const rows = Object.fromEntries(
        tablesOf(store.db).map((t) => [t, (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])
      )
      const info = {
        path: store.path,
        bytes: statSync(store.path).size,
        schemaVersion: schemaVersion(store.db),
        latestSchemaVersion: MIGRATIONS.length,
        journalMode: store.db.pragma('journal_mode', { simple: true }),
        rows
      }
      if (values.json) process.stdout.write(`${JSON.stringify(info, null, 2)}\n`)
      else {
        process.stdout.write(`database: ${info.path} (${info.bytes} bytes, ${info.journalMode})\n`)
        process.stdout.write(`schema:   version ${info.schemaVersion} of ${info.latestSchemaVersion}\n`)
        for (const [table, n] of Object.entries(rows)) process.stdout.write(`  ${table.padEnd(16)} ${n}\n`)
      }
    } finally {
      store.close()
    }
    return 0
  }
})
