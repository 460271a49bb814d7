// CLI intake as real processes on one data dir (built CLI): kill -9 at every stage and a re-run that
// resumes; Ctrl-C; and CLI intake racing `serve`. Each must end with every submission final, each
// processed once, and the same numbers as an uninterrupted run.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callApi, CLI, ROOT, startServe, waitForIntake, type ServeProcess } from '../helpers/serve'

interface Run {
  child: ChildProcess
  stderr: () => string
  exit: Promise<number | null>
  /** Resolves once stderr contains `text` `times` times. */
  waitFor(text: string, times?: number): Promise<void>
}

function podium(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  const listeners: Array<() => void> = []
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    for (const l of listeners) l()
  })
  child.stdout!.resume()
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? null : code)))
  return {
    child,
    stderr: () => err,
    exit,
    waitFor: (text, times = 1) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (err.split(text).length - 1 >= times) resolve()
        }
        listeners.push(check)
        check()
        void exit.then((code) => reject(new Error(`podium exited (${code}) before printing "${text}":\n${err}`)))
      })
  }
}

const run = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> => {
  const r = podium(args, env)
  return { code: await r.exit, stderr: r.stderr() }
}

/** Every SIMMC team's final state and numbers, read from the database file. */
function snapshot(dataDir: string) {
  const db = new Database(join(dataDir, 'podium.sqlite'), { readonly: true })
  try {
    const latest = db
      .prepare(
        `SELECT t.name, s.id, s.status, s.status_code FROM teams t JOIN submissions s ON s.team_id = t.id
         WHERE t.challenge_id = 1 AND s.id = (SELECT max(id) FROM submissions WHERE team_id = t.id) ORDER BY t.name`
      )
      .all() as Array<{ name: string; id: number; status: string; status_code: string | null }>
    const evaluations = db
      .prepare(
        `SELECT t.name, e.task, e.domain, e.n, e.metrics_json, e.stderr_json FROM evaluations e
         JOIN submissions s ON s.id = e.submission_id JOIN teams t ON t.id = s.team_id
         WHERE t.challenge_id = 1 AND s.id = (SELECT max(id) FROM submissions WHERE team_id = t.id) ORDER BY t.name, e.task, e.domain`
      )
      .all()
    const simmc = 'FROM submissions WHERE team_id IN (SELECT id FROM teams WHERE challenge_id = 1)'
    const unfinished = db.prepare(`SELECT count(*) AS n ${simmc} AND status NOT IN ('done', 'failed')`).get() as { n: number }
    const held = db.prepare(`SELECT count(*) AS n ${simmc} AND lease_owner IS NOT NULL`).get() as { n: number }
    const audit = db
      .prepare(`SELECT t.name, a.action FROM audit_log a JOIN teams t ON t.id = a.team_id WHERE a.challenge_id = 1 ORDER BY a.id`)
      .all() as Array<{ name: string; action: string }>
    const submissionCount = db.prepare(`SELECT count(*) AS n ${simmc}`).get() as { n: number }
    return { latest, evaluations, unfinished: unfinished.n, held: held.n, audit, submissions: submissionCount.n }
  } finally {
    db.close()
  }
}

const results = (s: ReturnType<typeof snapshot>) => ({
  verdicts: s.latest.map((t) => `${t.name}: ${t.status} ${t.status_code ?? ''}`),
  evaluations: s.evaluations
})
const doneCount = (s: ReturnType<typeof snapshot>, team: string): number =>
  s.audit.filter((a) => a.name === team && a.action === 'submission.done').length

let root: string
let baseline: ReturnType<typeof snapshot>
let teamNames: string[]

async function demoDir(name: string): Promise<string> {
  const dir = join(root, name)
  expect((await run(['demo', '--data', dir])).code).toBe(0)
  return dir
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'podium-procs-'))
  const dir = await demoDir('baseline')
  expect((await run(['intake', '--challenge', '1', '--data', dir])).code).toBe(0)
  baseline = snapshot(dir)
  teamNames = baseline.latest.map((t) => t.name)
  expect(teamNames).toHaveLength(9)
  expect(baseline.evaluations.length).toBeGreaterThan(50)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('CLI intake after kill -9', () => {
  for (const stage of ['fetching', 'validating', 'scoring'] as const) {
    it(`resumes the submissions killed while ${stage}; the re-run ends final with the uninterrupted numbers`, async () => {
      const dir = await demoDir(`kill-${stage}`)
      const before = snapshot(dir).submissions
      const first = podium(['intake', '--challenge', '1', '--data', dir], { PODIUM_TEST_PAUSE_AT: stage })
      await first.waitFor(`PODIUM_TEST_PAUSED ${stage}`, 2)
      first.child.kill('SIGKILL')
      await first.exit
      const killed = snapshot(dir)
      expect(killed.latest.filter((t) => t.status === stage)).toHaveLength(2)
      expect(killed.unfinished).toBe(9)

      const again = await run(['intake', '--challenge', '1', '--data', dir])
      expect(again.code).toBe(0)
      const after = snapshot(dir)
      expect(after.unfinished).toBe(0)
      expect(after.held).toBe(0)
      expect(results(after)).toEqual(results(baseline))
      // The same submissions (the demo's pending ones) resumed: no second row per team, no team processed twice.
      expect(after.submissions).toBe(before)
      for (const team of teamNames) expect(doneCount(after, team)).toBe(1)
      const resumed = after.audit.filter((a) => a.action === 'intake.resumed').map((a) => a.name)
      expect(resumed.sort()).toEqual([...teamNames].sort())
    })
  }

  it('Ctrl-C hands the unfinished submissions back at once; the next run finishes them', async () => {
    const dir = await demoDir('sigint')
    const first = podium(['intake', '--challenge', '1', '--data', dir], { PODIUM_TEST_PAUSE_AT: 'scoring' })
    await first.waitFor('PODIUM_TEST_PAUSED scoring', 2)
    first.child.kill('SIGINT')
    expect(await first.exit).toBe(130)
    expect(first.stderr()).toContain('intake: stopped by SIGINT; unfinished submissions resume on the next run')
    const stopped = snapshot(dir)
    expect(stopped.held).toBe(0)
    expect(stopped.latest.every((t) => t.status === 'pending')).toBe(true)

    expect((await run(['intake', '--challenge', '1', '--data', dir])).code).toBe(0)
    const after = snapshot(dir)
    expect(after.unfinished).toBe(0)
    expect(results(after)).toEqual(results(baseline))
  })

  it('supersedes the extra rows an older Podium left stuck, so none stays unfinished', async () => {
    const dir = await demoDir('stuck')
    expect((await run(['intake', '--challenge', '1', '--data', dir, '--team', 'Aurora Labs'])).code).toBe(0)
    const db = new Database(join(dir, 'podium.sqlite'))
    const teamId = (db.prepare(`SELECT id FROM teams WHERE name = 'Aurora Labs' AND challenge_id = 1`).get() as { id: number }).id
    // What repeated kills of the old CLI left: two rows in the middle of their work, no lease.
    for (const status of ['validating', 'scoring']) {
      db.prepare(`INSERT INTO submissions (team_id, tag, status, status_reason) VALUES (?, 'dstc9-simmc-entry', ?, 'killed')`).run(
        teamId,
        status
      )
    }
    db.close()
    expect((await run(['intake', '--challenge', '1', '--data', dir, '--team', 'Aurora Labs'])).code).toBe(0)
    const check = new Database(join(dir, 'podium.sqlite'), { readonly: true })
    const rows = check.prepare('SELECT status, status_code FROM submissions WHERE team_id = ? ORDER BY id').all(teamId)
    check.close()
    // The newest stuck row resumed and finished; the older one is marked superseded, not left running.
    expect(rows).toEqual([
      { status: 'done', status_code: null },
      { status: 'failed', status_code: 'SUPERSEDED' },
      { status: 'done', status_code: null }
    ])
    const after = snapshot(dir)
    expect(after.audit.filter((a) => a.action === 'intake.superseded')).toHaveLength(1)
    expect(after.latest.find((t) => t.name === 'Aurora Labs')!.status).toBe('done')
  })
})

describe('CLI intake and serve on one data dir', () => {
  let server: ServeProcess | undefined
  afterAll(() => server?.stop())

  it('serve leaves the CLI its claimed teams and takes the rest; each team is processed once', async () => {
    const dir = await demoDir('cli-first')
    const resume = join(dir, 'resume-cli')
    const cli = podium(['intake', '--challenge', '1', '--data', dir, '--team', 'Aurora Labs', '--team', 'Blue Heron NLP'], {
      PODIUM_TEST_PAUSE_AT: 'scoring',
      PODIUM_TEST_RESUME_FILE: resume
    })
    await cli.waitFor('PODIUM_TEST_PAUSED scoring', 2)
    server = await startServe(dir, ['--no-demo'])
    const queued = await callApi(server, 'intake.run', { challengeId: 1 })
    expect(queued.body.data).toEqual({ queued: 7 })
    // Serve finishes its seven while the CLI still holds its two, untouched.
    for (;;) {
      const s = snapshot(dir)
      if (s.latest.filter((t) => t.status === 'done').length === 7) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(
      snapshot(dir)
        .latest.filter((t) => t.status !== 'done')
        .map((t) => `${t.name} ${t.status}`)
    ).toEqual(['Aurora Labs scoring', 'Blue Heron NLP scoring'])
    writeFileSync(resume, '')
    expect(await cli.exit).toBe(0)
    await waitForIntake(server, 1)
    await server.stop()
    server = undefined
    const after = snapshot(dir)
    expect(after.unfinished).toBe(0)
    expect(results(after)).toEqual(results(baseline))
    for (const team of teamNames) expect(doneCount(after, team)).toBe(1)
  })

  it('a CLI intake while serve runs intake waits for serve, says so plainly, and processes nothing twice', async () => {
    const dir = await demoDir('serve-first')
    const resume = join(dir, 'resume-serve')
    process.env.PODIUM_TEST_PAUSE_AT = 'validating'
    process.env.PODIUM_TEST_RESUME_FILE = resume
    try {
      server = await startServe(dir, ['--no-demo'])
    } finally {
      delete process.env.PODIUM_TEST_PAUSE_AT
      delete process.env.PODIUM_TEST_RESUME_FILE
    }
    expect((await callApi(server, 'intake.run', { challengeId: 1 })).body.data).toEqual({ queued: 9 })
    const cli = podium(['intake', '--challenge', '1', '--data', dir])
    await cli.waitFor('being processed by podium serve', 9)
    expect(existsSync(resume)).toBe(false)
    writeFileSync(resume, '')
    expect(await cli.exit).toBe(0)
    expect(cli.stderr()).toContain('finished by another process')
    await server.stop()
    server = undefined
    const after = snapshot(dir)
    expect(after.unfinished).toBe(0)
    expect(results(after)).toEqual(results(baseline))
    for (const team of teamNames) expect(doneCount(after, team)).toBe(1)
  })
})
