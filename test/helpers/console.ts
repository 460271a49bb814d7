// One served console and one Chromium page for an e2e test file, on a fresh data dir.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './browser'
import { startServe, type ServeProcess } from './serve'

export interface ConsoleSession {
  dataDir: string
  server: ServeProcess
  browser: Browser
  page: Page
}

/** `beforeStart` runs between the server's start and the browser's (e.g. an intake to wait for). */
export async function openConsole(name: string, beforeStart?: (server: ServeProcess) => Promise<void>): Promise<ConsoleSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `podium-e2e-${name}-`))
  const server = await startServe(dataDir)
  await beforeStart?.(server)
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
  return { dataDir, server, browser, page }
}

export async function closeConsole(session: Partial<ConsoleSession>): Promise<void> {
  await session.browser?.close()
  await session.server?.stop()
  if (session.dataDir) rmSync(session.dataDir, { recursive: true, force: true })
}
