// Starts the real `podium serve` (built CLI) as a child process on a temporary data dir.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..')
export const CLI = join(ROOT, 'out', 'main', 'cli.js')

export interface ServeProcess {
  url: string
  openUrl: string
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

export function startServe(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print a URL:\n${output}`)), 90_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      resolve({
        url: match[1]!,
        token: match[2]!,
        openUrl: `${match[1]}?token=${match[2]}`,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${output}`))
    })
  })
}

/** POSTs one API call the way the renderer's HTTP transport does. */
export async function callApi(server: ServeProcess, channel: string, body: unknown, token = server.token) {
  const response = await fetch(`${server.url}api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: any; error?: any } }
}

/** Waits (polling teams.list, 60 s at most) until every team's submission is done or failed. */
export async function waitForIntake(server: ServeProcess, challengeId: number): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const teams = (await callApi(server, 'teams.list', { challengeId })).body.data as Array<{ submission: { status: string } | null }>
    if (teams.every((t) => t.submission && ['done', 'failed'].includes(t.submission.status))) return
    if (Date.now() > deadline) throw new Error(`intake of challenge ${challengeId} did not finish in 60 s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
