import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Path to a better-sqlite3 addon built for another ABI (Electron). */
  nativeBinding?: string
}

/** Opens (creating if needed) the Podium database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const current = schemaVersion(db)
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this Podium (knows ${migrations.length}); upgrade Podium`)
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    // Each migration and its version bump commit together or not at all.
    db.transaction(() => {
      db.exec(migrations[version - 1]!)
      db.pragma(`user_version = ${version}`)
    })()
  }
}
