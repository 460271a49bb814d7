// The Bot API start as the browser console calls it (real `podium serve`, HTTP): a start on a port in
// use is a plain sentence (HTTP 409, no Node error code), and the next start on an explicit free
// port works; the failed attempt never sticks.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callApi, startServe, type ServeProcess } from '../helpers/serve'

let dir: string
let server: ServeProcess
const blockers: Server[] = []

const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => resolve(s))
  })
const portOf = (s: Server): number => (s.address() as { port: number }).port

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podium-wild-http-'))
  server = await startServe(dir)
})
afterAll(async () => {
  await server?.stop()
  for (const s of blockers) await new Promise((done) => s.close(done))
  rmSync(dir, { recursive: true, force: true })
})

describe('wild.start over HTTP', () => {
  it('a busy port is a plain sentence; the next start on a free port works', async () => {
    const challenges = (await callApi(server, 'challenges.list', null)).body.data as Array<{ id: number; kind: string }>
    const challengeId = challenges.find((c) => c.kind === 'convai2')!.id
    const busy = await listen()
    blockers.push(busy)
    const port = portOf(busy)
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await callApi(server, 'wild.start', { port, challengeId })
      expect(failed.status).toBe(409)
      expect(failed.body.error.message).toBe(
        `port ${port} is in use (by another program or another Podium): choose another port, or leave it empty for any free port`
      )
      expect(JSON.stringify(failed.body)).not.toMatch(/EADDRINUSE|listen |::/)
    }
    // A port known to be free: taken from a listener that is closed again.
    const probe = await listen()
    const free = portOf(probe)
    await new Promise((done) => probe.close(done))
    const started = await callApi(server, 'wild.start', { port: free, challengeId })
    expect(started.status).toBe(200)
    expect(started.body.data).toMatchObject({ url: `http://127.0.0.1:${free}/`, error: null })
    const poll = await fetch(`http://127.0.0.1:${free}/botnot-a-token/getUpdates`)
    expect(poll.status).toBe(401)
  })
})
