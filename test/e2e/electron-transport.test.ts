// The Electron transport without the Electron binary (it cannot be downloaded here): the main
// side is `answerIpcCall` (what ipcMain.handle runs), the renderer side is the same bundle
// loaded with a `window.podiumBridge` like the preload's, whose invoke carries each call to
// answerIpcCall through the page's binding, as structured-cloned envelopes, the way IPC does.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoChallenge } from '../../src/main/demo/seed'
import { answerIpcCall } from '../../src/main/ipc'
import { startRuntime, type Runtime } from '../../src/main/runtime'
import { launchChromium } from '../helpers/browser'
import { startServe, type ServeProcess } from '../helpers/serve'

let dir: string
let runtime: Runtime
let browser: Browser
let server: ServeProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podium-ipc-'))
  runtime = startRuntime({ dataDir: join(dir, 'ipc'), transport: 'electron' })
  await createDemoChallenge(runtime)
  // Only to serve the built renderer's files; the page below never calls its HTTP API.
  server = await startServe(join(dir, 'static'), ['--no-demo'])
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await runtime?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the Electron transport', () => {
  it('answers calls with envelopes and refuses unknown channels', async () => {
    expect(await answerIpcCall(runtime.handlers, 'app.info', null)).toMatchObject({ ok: true, data: { transport: 'electron' } })
    expect(await answerIpcCall(runtime.handlers, 'fs.readFile', null)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no API channel fs.readFile' }
    })
    expect(await answerIpcCall(runtime.handlers, 'challenges.get', { challengeId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })

  it('drives the renderer through a preload-shaped bridge, never its HTTP client', async () => {
    const page = await browser.newPage()
    const calls: string[] = []
    await page.exposeBinding('__ipcInvoke', async (_source, channel: unknown, request: unknown) => {
      calls.push(String(channel))
      return answerIpcCall(runtime.handlers, channel, request)
    })
    await page.addInitScript(() => {
      const w = window as unknown as { __ipcInvoke(c: string, r: unknown): Promise<unknown>; podiumBridge: unknown }
      w.podiumBridge = { invoke: (c: string, r: unknown) => w.__ipcInvoke(c, r), onEvent: () => () => undefined }
    })
    // No token in the URL: the HTTP client is never built, every call goes over the bridge.
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'SIMMC DSTC9 (demo)' }).waitFor()
    expect(calls).toEqual(expect.arrayContaining(['challenges.list', 'challenges.get', 'teams.list']))

    await page.getByRole('link', { name: 'Submissions' }).click()
    await page.locator('tr[data-team="Aurora Labs"]').waitFor()
    expect(calls.filter((c) => c === 'teams.list').length).toBeGreaterThanOrEqual(2)
  })
})
