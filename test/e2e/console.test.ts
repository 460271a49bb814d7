import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { startServe, type ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let browser: Browser

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-e2e-'))
  server = await startServe(dataDir)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the console in Chromium (serve mode)', () => {
  it('opens on the demo challenge, read from the database through the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await page.goto(server.openUrl)
    await page.getByRole('heading', { name: 'SIMMC DSTC9 (demo)' }).waitFor()
    expect(await page.getByTestId('deadline').textContent()).toContain('2020-09-27 23:59:59-12:00')
    expect(await page.getByRole('cell', { name: 'Subtask 2 — Response Generation (retrieval)' }).count()).toBe(1)
    expect(await page.getByRole('cell', { name: 'Aurora Labs' }).count()).toBe(1)
    // The token left the address bar once the client took it.
    expect(page.url()).not.toContain('token=')
    const shot = join(ARTIFACTS, 'challenge.png')
    await page.screenshot({ path: shot, fullPage: true })
    expect(statSync(shot).size).toBeGreaterThan(10_000)
  })

  it('navigates between the sections from the sidebar, loading each page (and its charts) only when opened', async () => {
    const page = await browser.newPage()
    const scripts: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname)
    })
    await page.goto(server.openUrl)
    await page.getByRole('heading', { name: 'SIMMC DSTC9 (demo)' }).waitFor()
    const loaded = (name: string): boolean => scripts.some((path) => path.includes(`/${name}-`))
    expect(loaded('ChallengePage')).toBe(true)
    expect(loaded('LeaderboardPage')).toBe(false)
    expect(loaded('ErrorAnalysisPage')).toBe(false)
    await page.getByRole('link', { name: 'Leaderboard' }).click()
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor()
    expect(await page.getByRole('link', { name: 'Leaderboard' }).getAttribute('aria-current')).toBe('page')
    expect(loaded('LeaderboardPage')).toBe(true)
    expect(loaded('ErrorAnalysisPage')).toBe(false)
  })

  it('records the deadline witness and edits the settings, refusing a deadline without a zone', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await page.goto(server.openUrl)
    await page.getByRole('heading', { name: 'SIMMC DSTC9 (demo)' }).waitFor()

    await page.getByRole('button', { name: 'Record the witness now' }).click()
    const seen = page.getByRole('table', { name: 'Tags seen' })
    await seen.waitFor()
    expect(await seen.locator('tbody tr').count()).toBe(8)
    expect(await seen.locator('tbody tr', { hasText: 'Aurora Labs' }).locator('code').first().textContent()).toMatch(/^[0-9a-f]{12}$/)

    const deadline = page.getByLabel('Deadline (ISO 8601 with zone)')
    await deadline.fill('2020-09-27 23:59:59')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.getByRole('form', { name: 'Settings' }).getByRole('status').textContent()).toMatch(/^deadline: /)
    await deadline.fill('2020-09-28T23:59:59-12:00')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.getByTestId('deadline').textContent()).toContain('2020-09-28 23:59:59-12:00')
    // The BLEU tokenization (SIMMC default nltk 3.5) is a setting too; a change asks for rescoring.
    const tokenizer = page.getByLabel('BLEU tokenization')
    expect(await tokenizer.inputValue()).toBe('nltk-3.5')
    await tokenizer.selectOption('nltk-3.8')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() => page.getByRole('form', { name: 'Settings' }).getByRole('status').textContent())
      .toContain('Score the teams again')

    await page.getByText('New SIMMC challenge…').click()
    const create = page.locator('.ch-new')
    await create.getByLabel('Name', { exact: true }).fill('Another')
    await create.getByLabel('Short id (slug)').fill('another')
    await create.getByLabel(/Gold folder/).fill('/no/such/gold')
    await create.getByRole('button', { name: 'Create' }).click()
    await expect.poll(() => page.locator('.ch-new .c-field-error').textContent()).toContain('gold files missing: /no/such/gold/fashion/')
  })
})
