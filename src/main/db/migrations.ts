// Numbered migrations, applied in order; PRAGMA user_version records how many ran.
import m001 from './migrations/001_init.sql?raw'
import m002 from './migrations/002_convai2.sql?raw'
import m003 from './migrations/003_tokenizer.sql?raw'
import m004 from './migrations/004_evaluation_warnings.sql?raw'
import m005 from './migrations/005_duplicates.sql?raw'
import m006 from './migrations/006_team_refs.sql?raw'
import m007 from './migrations/007_wild.sql?raw'
import m008 from './migrations/008_leases.sql?raw'

export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008]
