import { join } from 'node:path'
import { appRoot } from './paths'

/**
 * Node (tests, CLI, serve) uses better-sqlite3's own addon; Electron has another ABI, so
 * `npm run build:electron-sqlite` compiles a second copy here and Electron loads it
 * through better-sqlite3's `nativeBinding` option.
 */
export const electronSqliteBinding = (): string => join(appRoot(), 'native', 'electron', 'better_sqlite3.node')
