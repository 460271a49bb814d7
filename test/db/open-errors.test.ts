// `--data` pointing at something Podium cannot use: one line naming it, exit 2, no stack trace.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { openStore } from '../../src/main/db/store'
import { CLI, ROOT } from '../helpers/serve'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-open-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function podium(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function expectOneLineRefusal(run: ReturnType<typeof podium>, pattern: RegExp): void {
  expect(run.status, run.stderr).toBe(2)
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^podium: /)
  expect(lines[0]).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\n\s+at /)
}

describe('opening the data folder', () => {
  it('--data naming a file', () => {
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'hello')
    for (const args of [['db', 'info'], ['intake'], ['wild-limits', '--challenge', 'x']]) {
      expectOneLineRefusal(podium(...args, '--data', file), /data folder .*notes\.txt is a file/)
    }
    expect(readFileSync(file, 'utf8')).toBe('hello')
  })

  it('a file that is not a database, and a damaged database', () => {
    const garbage = join(dir, 'garbage')
    mkdirSync(garbage)
    writeFileSync(join(garbage, 'podium.sqlite'), 'this is not a database\n'.repeat(200))
    expectOneLineRefusal(podium('db', 'info', '--data', garbage), /podium\.sqlite cannot be read as a Podium database/)

    const damaged = join(dir, 'damaged')
    openStore(damaged).close()
    const bytes = readFileSync(join(damaged, 'podium.sqlite'))
    // Keep the header (a real SQLite file), scramble the schema page.
    for (let i = 100; i < Math.min(bytes.length, 4096); i++) bytes[i] = (i * 37) & 0xff
    writeFileSync(join(damaged, 'podium.sqlite'), bytes)
    expectOneLineRefusal(podium('db', 'info', '--data', damaged), /cannot be read as a Podium database/)
  })

  it('a database written by a newer Podium', () => {
    const newer = join(dir, 'newer')
    openStore(newer).close()
    const db = new Database(join(newer, 'podium.sqlite'))
    db.pragma(`user_version = ${MIGRATIONS.length + 3}`)
    db.close()
    expectOneLineRefusal(podium('db', 'info', '--data', newer), new RegExp(`version ${MIGRATIONS.length + 3} is newer than this Podium`))
    expectOneLineRefusal(podium('serve', '--data', newer, '--port', '0'), /is newer than this Podium/)
  })
})
