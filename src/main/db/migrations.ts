// Numbered migrations, applied in order; PRAGMA user_version records how many ran.
import m001 from './migrations/001_init.sql?raw'
import m002 from './migrations/002_convai2.sql?raw'
import m003 from './migrations/003_tokenizer.sql?raw'
import m007 from './migrations/007_wild.sql?raw'
import m008 from './migrations/008_leases.sql?raw'

export const MIGRATIONS: readonly string[] = [m001, m002, m003, m007, m008]
