// Reports page in Chromium against a real `serve` on the scored demo challenge: the sandboxed
// preview, every export format downloaded and checked byte by byte, no real team name in
// anything anonymized, the real-names toggle, and the per-team notices.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { callApi, CLI, ROOT, startServe, type ServeProcess } from '../helpers/serve'

const run = promisify(execFile)
const SIMMC_SLUG = 'simmc-dstc9-demo'

let dataDir: string
let server: ServeProcess
let browser: Browser
let challengeId: number
/** Real names of the entrants (baselines are named in every report by design). */
let realNames: string[]
let anonIds: string[]

async function api<T = any>(channel: string, body: unknown): Promise<T> {
  const { body: envelope } = await callApi(server, channel, body)
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.data as T
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-e2e-reports-'))
  await run(process.execPath, [CLI, 'demo', '--data', dataDir], { cwd: ROOT })
  // The demo may hold more than one challenge (ConvAI2 too): this file is about SIMMC.
  await run(process.execPath, [CLI, 'intake', '--data', dataDir, '--challenge', SIMMC_SLUG], { cwd: ROOT })
  server = await startServe(dataDir)
  browser = await launchChromium()
  const challenges = await api<Array<{ id: number; slug: string }>>('challenges.list', null)
  challengeId = challenges.find((c) => c.slug === SIMMC_SLUG)!.id
  const teams = await api<Array<{ name: string; anonId: string; isBaseline: boolean; submission: { status: string } | null }>>(
    'teams.list',
    { challengeId }
  )
  expect(teams.every((t) => t.submission?.status === 'done' || t.submission?.status === 'failed')).toBe(true)
  realNames = teams.filter((t) => !t.isBaseline).map((t) => t.name)
  anonIds = teams.filter((t) => !t.isBaseline).map((t) => t.anonId)
  expect(realNames.length).toBeGreaterThan(3)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function openReports(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  // Tall enough for the whole page: a fullPage screenshot resizes the view and can catch the
  // out-of-process (sandboxed) preview frame mid-relayout, so screenshots here are viewport-only.
  const page = await browser.newPage({ viewport: { width: 1360, height: 1450 }, colorScheme })
  await page.goto(`${server.openUrl}#/reports`)
  await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(String(challengeId))
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor()
  return page
}

/** Clicks `name` and returns the downloaded file's name and bytes. */
async function download(page: Page, name: string | RegExp): Promise<{ fileName: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 45_000 }), page.getByRole('button', { name }).click()])
  const path = await file.path()
  return { fileName: file.suggestedFilename(), bytes: readFileSync(path) }
}

const namesIn = (text: string): string[] => realNames.filter((n) => text.includes(n))

async function previewText(page: Page): Promise<string> {
  const frame = await (await page.locator('iframe.rp-frame').elementHandle())!.contentFrame()
  return (await frame!.evaluate(() => document.documentElement.outerHTML)) as string
}

describe('reports (serve mode)', () => {
  it('previews the anonymized report in a script-less sandbox and exports every format', async () => {
    const page = await openReports()
    const frame = page.getByTitle(/^Report preview of .* \(anonymized\)$/)
    await frame.waitFor()
    // sandbox="" grants nothing: no scripts, no same-origin, no forms, no popups.
    expect(await frame.getAttribute('sandbox')).toBe('')
    await expect.poll(() => previewText(page)).toContain('anonymized team rankings')
    const html = await previewText(page)
    expect(namesIn(html)).toEqual([])
    expect(anonIds.some((id) => html.includes(id))).toBe(true)

    const md = await download(page, /^Export Markdown/)
    expect(md.fileName).toMatch(/rankings\.md$/)
    expect(md.bytes.subarray(0, 2).toString()).toBe('# ')
    const csv = await download(page, /^Export CSV/)
    expect(csv.fileName).toMatch(/rankings\.csv$/)
    expect(csv.bytes.toString('utf8').split('\n')[0]).toBe('category,domain,rank,team,baseline,winner,eligible,metric,value,stderr')
    const htmlFile = await download(page, /^Export HTML/)
    expect(htmlFile.fileName).toMatch(/rankings\.html$/)
    expect(htmlFile.bytes.toString('utf8').toLowerCase().startsWith('<!doctype html>')).toBe(true)
    const pdf = await download(page, /^Export PDF/)
    expect(pdf.fileName).toMatch(/rankings\.pdf$/)
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.bytes.length).toBeGreaterThan(5_000)
    // The PDF's text is glyph-encoded, so the name scan is on the text formats it is printed from.
    for (const file of [md, csv, htmlFile]) {
      expect(file.fileName).not.toContain('with-names')
      expect(namesIn(file.bytes.toString('utf8'))).toEqual([])
      expect(anonIds.some((id) => file.bytes.toString('utf8').includes(id))).toBe(true)
    }
    await page.getByText(/^Saved .*rankings\.pdf/).waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'reports.png') })
    await page.close()
  })

  it('shows real names only after the organizer turns them on, with a warning', async () => {
    const page = await openReports('dark')
    const toggle = page.getByRole('checkbox', { name: /Include real team names/ })
    expect(await toggle.isChecked()).toBe(false)
    expect(await page.getByRole('alert').count()).toBe(0)
    await toggle.check()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Real team names are on')
    await page.getByTitle(/\(with real names\)$/).waitFor()
    await expect.poll(async () => namesIn(await previewText(page)).length).toBe(realNames.length)
    const md = await download(page, /^Export Markdown/)
    expect(md.fileName).toContain('-with-names')
    expect(namesIn(md.bytes.toString('utf8')).length).toBe(realNames.length)
    await page.screenshot({ path: join(ARTIFACTS, 'reports-real-names-dark.png') })
    await page.getByText(/^Saved .*-with-names.*\.md/).waitFor()
    // Off again: the preview is anonymized again and the warning is gone.
    await toggle.uncheck()
    await page.getByTitle(/\(anonymized\)$/).waitFor()
    // "Saved …-with-names.md" was about the other report: it does not stay beside the anonymized buttons.
    expect(await page.getByText(/^Saved /).count()).toBe(0)
    expect(namesIn(await previewText(page))).toEqual([])
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.close()
  })

  it('lists one notice per team, downloads one, and all of them as a ZIP', async () => {
    const notices = await api<Array<{ teamId: number; fileName: string; content: string }>>('notices.list', { challengeId })
    expect(notices.length).toBe(realNames.length)
    const page = await openReports()
    const table = page.locator('table.rp-notices')
    await table.waitFor()
    expect(await table.locator('tbody tr').count()).toBe(notices.length)

    const first = notices[0]!
    const row = table.locator(`tbody tr[data-team-id="${first.teamId}"]`)
    const [one] = await Promise.all([page.waitForEvent('download'), row.getByRole('button').click()])
    expect(one.suggestedFilename()).toBe(first.fileName)
    // Each notice is dated when the list is made: the same notice, whatever the second.
    const undated = (eml: string): string => eml.replace(/\r\nDate: [^\r]*/, '')
    const saved = readFileSync(await one.path()).toString('utf8')
    expect(saved).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} [\d:]{8} \+0000\r\n/)
    expect(undated(saved)).toBe(undated(first.content))

    const all = await download(page, /^Download all \d+ notices/)
    expect(all.fileName).toMatch(/team-notices\.zip$/)
    const zip = all.bytes
    expect(zip.readUInt32LE(0)).toBe(0x04034b50)
    // End of central directory: entry count and directory offset, then walk every entry.
    const end = zip.length - 22
    expect(zip.readUInt32LE(end)).toBe(0x06054b50)
    expect(zip.readUInt16LE(end + 10)).toBe(notices.length)
    let at = zip.readUInt32LE(end + 16)
    const entries = new Map<string, Buffer>()
    for (let i = 0; i < notices.length; i++) {
      expect(zip.readUInt32LE(at)).toBe(0x02014b50)
      const crc = zip.readUInt32LE(at + 16)
      const size = zip.readUInt32LE(at + 24)
      const nameLength = zip.readUInt16LE(at + 28)
      const local = zip.readUInt32LE(at + 42)
      const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(dataStart, dataStart + size)
      expect(crc32(data)).toBe(crc)
      entries.set(name, data)
      at += 46 + nameLength
    }
    for (const notice of notices) expect(undated(entries.get(notice.fileName)?.toString('utf8') ?? '')).toBe(undated(notice.content))
    await page.close()
  })
})
