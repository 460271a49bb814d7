// Numbered migrations, applied in order; PRAGMA user_version records how many ran. The list is
// positional, so a new migration always takes the next number (test/db/migrations.test.ts checks it).
import m001 from './migrations/001_init.sql?raw'
import m002 from './migrations/002_convai2.sql?raw'
import m003 from './migrations/003_tokenizer.sql?raw'
import m004 from './migrations/004_wild.sql?raw'
import m005 from './migrations/005_evaluation_warnings.sql?raw'
import m006 from './migrations/006_duplicates.sql?raw'
import m007 from './migrations/007_team_refs.sql?raw'
import m008 from './migrations/008_leases.sql?raw'

export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008]
