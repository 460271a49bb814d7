import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { auditLog } from './audit'
import { challengesTable } from './challenges'
import { convai2Table } from './convai2'
import { DatabaseOpenError, openDatabase, type Db, type OpenOptions } from './database'
import { duplicateDecisions } from './duplicates'
import { evaluationsTable } from './evaluations'
import { leasesTable } from './leases'
import { submissionsTable, teamsTable } from './teams'
import { witnessesTable } from './witnesses'

export const DB_FILE = 'podium.sqlite'

/** The database with one accessor per table family. */
export interface Store {
  db: Db
  path: string
  challenges: ReturnType<typeof challengesTable>
  teams: ReturnType<typeof teamsTable>
  submissions: ReturnType<typeof submissionsTable>
  evaluations: ReturnType<typeof evaluationsTable>
  witnesses: ReturnType<typeof witnessesTable>
  audit: ReturnType<typeof auditLog>
  leases: ReturnType<typeof leasesTable>
  convai2: ReturnType<typeof convai2Table>
  duplicates: ReturnType<typeof duplicateDecisions>
  close(): void
}

export function openStore(dataDir: string, options: OpenOptions = {}): Store {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new DatabaseOpenError(`the data folder ${dataDir} is a file: give a folder (Podium keeps ${DB_FILE} in it)`)
  }
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, DB_FILE)
  const db = openDatabase(path, options)
  return {
    db,
    path,
    challenges: challengesTable(db),
    teams: teamsTable(db),
    submissions: submissionsTable(db),
    evaluations: evaluationsTable(db),
    witnesses: witnessesTable(db),
    audit: auditLog(db),
    leases: leasesTable(db),
    convai2: convai2Table(db),
    duplicates: duplicateDecisions(db),
    close: () => db.close()
  }
}
