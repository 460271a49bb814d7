import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'
import { errorText } from '../../shared/error-text'

export type Db = Database.Database

export interface OpenOptions {
  /** Path to a better-sqlite3 addon built for another ABI (Electron). */
  nativeBinding?: string
}

/** A database file Podium cannot use (damaged, not SQLite, written by a newer Podium): the user's to fix. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError'
}

/** SQLite's answers for a file that is not a (sound) database. */
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_SHORT_READ'])

/** Opens (creating if needed) the Podium database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (error) {
    db?.close()
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && DAMAGED.has(code)) {
      const problem = errorText(error)
      throw new DatabaseOpenError(
        `${file} cannot be read as a Podium database (${problem}): restore a backup, or move it away to start afresh`
      )
    }
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const current = schemaVersion(db)
  if (current > migrations.length) {
    throw new DatabaseOpenError(
      `database schema version ${current} is newer than this Podium (knows ${migrations.length}); upgrade Podium to open it`
    )
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    // Each migration and its version bump commit together or not at all.
    db.transaction(() => {
      db.exec(migrations[version - 1]!)
      db.pragma(`user_version = ${version}`)
    })()
  }
}
