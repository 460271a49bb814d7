// `podium serve` (the built CLI, a real child process) restarted on the same data dir: the Bot
// API it was running comes back on the same URL, so a team's bot (a plain HTTP client here)
// keeps working; after an explicit stop it stays stopped. Needs `out/` (electron-vite build).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { callApi, startServe, type ServeProcess } from '../helpers/serve'

const dir = mkdtempSync(join(tmpdir(), 'podium-wild-serve-'))
const running: ServeProcess[] = []
afterAll(async () => {
  for (const s of running) await s.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function serve(): Promise<ServeProcess> {
  const server = await startServe(dir, ['--no-demo'])
  running.push(server)
  return server
}

async function stop(server: ServeProcess): Promise<void> {
  await server.stop()
  running.splice(running.indexOf(server), 1)
}

async function api(server: ServeProcess, channel: string, body: unknown): Promise<any> {
  const { body: out } = await callApi(server, channel, body)
  expect(out.ok, `${channel}: ${JSON.stringify(out.error)}`).toBe(true)
  return out.data
}

async function wildUrl(server: ServeProcess): Promise<string | null> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const status = await api(server, 'wild.status', null)
    if (status.url || status.error || Date.now() > deadline) return status.url
    await new Promise((r) => setTimeout(r, 50))
  }
}

it('serve restarts the Bot API it was running, on the same URL; not after wild.stop', { timeout: 120_000 }, async () => {
  const first = await serve()
  const { url } = await api(first, 'wild.start', null)
  const bot = await api(first, 'wild.registerBot', { name: 'team bot' })
  const poll = async (base: string) => (await fetch(`${base}bot${bot.token}/getUpdates`)).status
  expect(await poll(url)).toBe(200)
  await stop(first)
  await expect(poll(url)).rejects.toThrow()

  const second = await serve()
  expect(await wildUrl(second)).toBe(url)
  expect(await poll(url)).toBe(200)
  await api(second, 'wild.stop', null)
  await stop(second)

  const third = await serve()
  await new Promise((r) => setTimeout(r, 500))
  expect(await api(third, 'wild.status', null)).toMatchObject({ url: null, error: null })
})
