// The Dialog context of error analysis on the demo SIMMC challenge, scored by the CLI's intake:
// subtask-3 line predictions are grouped by dialog (not one line each) and the panel shows the
// dialog's gold utterances up to the selected turn, read from the dialog-level gold.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { callApi, CLI, ROOT, startServe, type ServeProcess } from '../helpers/serve'

const run = promisify(execFile)
const SIMMC_SLUG = 'simmc-dstc9-demo'
const DST = 'Subtask 3 — Multimodal Dialog State Tracking'
const CONVAI2_SLUG = 'convai2-demo'

let dataDir: string
let server: ServeProcess
let browser: Browser
let challengeId: number

async function api<T = any>(channel: string, body: unknown): Promise<T> {
  const { body: envelope } = await callApi(server, channel, body)
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.data as T
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-e2e-context-'))
  await run(process.execPath, [CLI, 'demo', '--data', dataDir], { cwd: ROOT })
  await run(process.execPath, [CLI, 'intake', '--data', dataDir, '--challenge', SIMMC_SLUG], { cwd: ROOT })
  await run(process.execPath, [CLI, 'intake', '--data', dataDir, '--challenge', CONVAI2_SLUG], { cwd: ROOT })
  server = await startServe(dataDir)
  browser = await launchChromium()
  const challenges = await api<Array<{ id: number; slug: string }>>('challenges.list', null)
  challengeId = challenges.find((c) => c.slug === SIMMC_SLUG)!.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

interface Dials {
  dialogue_data: Array<{ dialogue_idx: number; dialogue: Array<{ transcript: string; system_transcript: string }> }>
}

describe('dialog context (subtask 3, line-format predictions)', () => {
  it('groups the turns of a dialog and shows its gold utterances up to the selected turn', async () => {
    const list = await api<Array<{ evaluationId: number; label: string; task: string; domain: string; baseline: boolean }>>(
      'evaluations.list',
      { challengeId, anonymized: true }
    )
    const entry = list.find((e) => e.task === 'simmc-st3' && e.domain === 'fashion' && !e.baseline)!
    // Turn 1 of the first dialog is the gold file's second line.
    const page1 = await api<{ rows: Array<{ dialogId: string; turn: number; idx: number; detail?: { line?: number } }> }>('examples.list', {
      evaluationId: entry.evaluationId,
      offset: 0,
      limit: 3
    })
    const dials = JSON.parse(readFileSync(join(dataDir, 'demo', 'gold', 'fashion', 'fashion_teststd_dials.json'), 'utf8')) as Dials
    const first = dials.dialogue_data[0]!
    expect(page1.rows.slice(0, 2).map((r) => [r.dialogId, r.turn, r.detail?.line])).toEqual([
      [String(first.dialogue_idx), 0, 1],
      [String(first.dialogue_idx), 1, 2]
    ])

    for (const [width, height] of [
      [1440, 900],
      [1024, 700]
    ] as const) {
      const page: Page = await browser.newPage({ viewport: { width, height } })
      await page.goto(`${server.openUrl}#/errors`)
      await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(String(challengeId))
      await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ label: DST })
      await page.getByRole('combobox', { name: 'Domain' }).selectOption('fashion')
      await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: entry.label })
      // The summary names metrics in words (keys only in tooltips), values as the leaderboard prints them.
      const card = page.getByRole('definition').first()
      await card.waitFor()
      const summary = (await page.locator('.ea-metric-card').first().textContent()) ?? ''
      expect(summary).toContain('Joint Accuracy')
      expect(summary).not.toContain('joint_accuracy')
      expect(summary).toMatch(/\d\.\d{4} ± 0\.\d{4}/)
      const grid = page.getByRole('grid', { name: /^Examples of/ })
      await grid.locator('[role="row"][data-index="2"]').dblclick()
      const context = page.getByTestId('ea-dialog-context')
      await context.locator('table').waitFor()
      // Every turn of the dialog, not one line.
      const turns = await context.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-turn'))))
      expect(turns).toEqual(first.dialogue.map((_, i) => i))
      // The utterances of turns 0 and 1 (the selected one), none after.
      const transcript = context.getByTestId('ea-transcript')
      await transcript.waitFor()
      const items = await transcript.locator('li').allTextContents()
      expect(items).toHaveLength(2)
      expect(items[0]).toContain(first.dialogue[0]!.transcript)
      expect(items[0]).toContain(first.dialogue[0]!.system_transcript)
      expect(items[1]).toContain(first.dialogue[1]!.transcript)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await page.screenshot({ path: join(ARTIFACTS, `errors-dialog-context-${width}.png`), fullPage: true })
      await page.close()
    }
  })
})

describe('ConvAI2 perplexity in error analysis', () => {
  it('has no wrong-only filter, does not colour scores as higher-is-better and does not diff against the gold', async () => {
    const challenges = await api<Array<{ id: number; slug: string }>>('challenges.list', null)
    const convai2 = challenges.find((c) => c.slug === CONVAI2_SLUG)!.id
    const list = await api<Array<{ evaluationId: number; label: string; task: string; baseline: boolean }>>('evaluations.list', {
      challengeId: convai2,
      anonymized: true
    })
    const entry = list.find((e) => e.task === 'convai2-ppl' && !e.baseline)!
    for (const [width, height] of [
      [1440, 900],
      [1024, 700]
    ] as const) {
      const page: Page = await browser.newPage({ viewport: { width, height } })
      await page.goto(`${server.openUrl}#/errors`)
      await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(String(convai2))
      await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ label: 'PPL' })
      await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: entry.label })
      // The grid of this entry's PPL examples (not the one shown before the selects settled).
      const grid = page.getByRole('grid', { name: new RegExp(`^Examples of ${entry.label}, PPL`) })
      await grid.locator('[role="row"][data-index="1"]').waitFor()
      await page.getByTestId('wrong-only-note').waitFor()
      await grid.locator('[role="row"][data-index="1"]').click()
      expect(await page.getByRole('checkbox', { name: /Wrong only/ }).count()).toBe(0)
      const detail = page.getByTestId('ea-example-detail')
      await detail.locator('.ea-score-pill').waitFor()
      // Perplexities are ≥ 1: never "good" just for being ≥ 1, never red or amber either.
      expect(await detail.locator('.ea-score-pill').getAttribute('class')).toContain('ea-score-neutral')
      expect(await grid.locator('.ea-score-good, .ea-score-bad, .ea-score-mid').count()).toBe(0)
      // The prediction is a likelihood of the gold: nothing struck out.
      expect(await detail.locator('del').count()).toBe(0)
      expect(await detail.textContent()).toContain('a score of the gold, not a text to compare with it')
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      // Perplexities in bands, not all in "0.9–1.0".
      const bins = await page
        .getByRole('figure', { name: /Per-example perplexity/ })
        .locator('tbody th')
        .allTextContents()
      expect(bins).toEqual(['1–5', '5–10', '10–20', '20–50', '50–100', '100+'])
      await page.screenshot({ path: join(ARTIFACTS, `errors-ppl-${width}.png`), fullPage: true })
      await page.close()
    }
  })
})
