// Error analysis in Chromium against a real `serve`: the demo challenge, scored by the CLI's
// intake, then two teams' generation results replaced by 50,000 synthetic examples each so
// the virtual table is tested at the size it is built for.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/db/store'
import type { ExampleResult, ScoreResult } from '../../src/shared/scoring'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { callApi, CLI, ROOT, startServe, type ServeProcess } from '../helpers/serve'

const run = promisify(execFile)
const SIMMC_SLUG = 'simmc-dstc9-demo'
const N = 50_000
const TURNS = 4
const WORDS = ['jacket', 'sofa', 'lamp', 'dress', 'table', 'chair', 'rug']
const GENERATION = 'Subtask 2 — Response Generation (generative)'

/** Deterministic synthetic examples: every third one right; team B words most replies differently. */
function bigResult(team: 'a' | 'b'): ScoreResult {
  const examples: ExampleResult[] = Array.from({ length: N }, (_, i) => {
    const item = WORDS[i % WORDS.length]
    const gold = `the ${item} costs ${i % 50} dollars`
    const prediction = team === 'a' || i % 5 === 0 ? `the ${item} costs ${i % 50} dollars` : `the ${item} is ${i % 50} dollars today`
    const score = team === 'a' ? (i % 3 === 0 ? 1 : ((i * 7919) % 1000) / 1000) : i % 5 === 0 ? 1 : 0.25
    return { dialogId: `d${10_000 + Math.floor(i / TURNS)}`, turn: i % TURNS, gold, prediction, score }
  })
  const mean = examples.reduce((s, e) => s + e.score, 0) / N
  return {
    task: 'simmc-st2-generation',
    n: N,
    metrics: { bleu: mean },
    stderr: { bleu: 0.001 },
    coverage: { predicted: N, total: N },
    examples
  }
}

let dataDir: string
let server: ServeProcess
let browser: Browser
let challengeId: number
let labelA: string
let labelB: string
let bigA: number

async function api<T = any>(channel: string, body: unknown): Promise<T> {
  const { body: envelope } = await callApi(server, channel, body)
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`)
  return envelope.data as T
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podium-e2e-errors-'))
  await run(process.execPath, [CLI, 'demo', '--data', dataDir], { cwd: ROOT })
  // The demo may hold more than one challenge (ConvAI2 too): this file is about SIMMC.
  await run(process.execPath, [CLI, 'intake', '--data', dataDir, '--challenge', SIMMC_SLUG], { cwd: ROOT })
  // Two entrants' fashion generation results become 50,000 examples each.
  const store = openStore(dataDir)
  try {
    const challenge = store.challenges.list().find((c) => c.slug === SIMMC_SLUG)!
    const teams = store.teams.list(challenge.id).filter((t) => !t.isBaseline)
    const generation = store.evaluations
      .forChallenge(challenge.id)
      .filter((e) => e.task === 'simmc-st2-generation' && e.domain === 'fashion' && teams.some((t) => t.id === e.teamId))
    expect(generation.length).toBeGreaterThanOrEqual(2)
    const [a, b] = generation
    store.evaluations.save(a!.submissionId, 'fashion', true, 'synthetic-a', bigResult('a'))
    store.evaluations.save(b!.submissionId, 'fashion', true, 'synthetic-b', bigResult('b'))
    labelA = teams.find((t) => t.id === a!.teamId)!.anonId
    labelB = teams.find((t) => t.id === b!.teamId)!.anonId
  } finally {
    store.close()
  }
  server = await startServe(dataDir)
  browser = await launchChromium()
  const challenges = await api<Array<{ id: number; slug: string }>>('challenges.list', null)
  challengeId = challenges.find((c) => c.slug === SIMMC_SLUG)!.id
  const list = await api<Array<{ evaluationId: number; label: string; task: string; domain: string; n: number }>>('evaluations.list', {
    challengeId
  })
  bigA = list.find((e) => e.label === labelA && e.task === 'simmc-st2-generation' && e.domain === 'fashion')!.evaluationId
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function openErrors(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, colorScheme })
  await page.goto(`${server.openUrl}#/errors`)
  await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(String(challengeId))
  await page.getByRole('heading', { name: 'Error analysis' }).waitFor()
  return page
}

const grid = (page: Page): Locator => page.getByRole('grid', { name: /^Examples of/ })
const selectedRow = (page: Page): Locator => grid(page).locator('[role="row"][aria-selected="true"]')

async function chooseGeneration(page: Page, team: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ label: GENERATION })
  await page.getByRole('combobox', { name: 'Domain' }).selectOption('fashion')
  await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: team })
  await expect.poll(() => grid(page).getAttribute('aria-rowcount')).toBe(String(N + 1))
}

describe('error analysis (serve mode, 50,000 examples)', () => {
  it('filters wrong-only, scrolls to the last row with a bounded DOM, moves by keyboard and opens the dialog', async () => {
    const page = await openErrors()
    await chooseGeneration(page, labelA)
    expect(await grid(page).locator('[role="row"]').count()).toBeLessThan(100)

    await page.getByRole('checkbox', { name: /Wrong only/ }).check()
    const wrong = await api<{ total: number }>('examples.list', { evaluationId: bigA, wrongOnly: true, limit: 1 })
    expect(wrong.total).toBe(N - Math.ceil(N / 3))
    await expect.poll(() => grid(page).getAttribute('aria-rowcount')).toBe(String(wrong.total + 1))
    await expect.poll(() => page.getByTestId('example-count').textContent()).toContain(wrong.total.toLocaleString('en-US'))

    // Scroll to the very end: the last row is the total-th, filled from the API, and the DOM stays small.
    await grid(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    const lastRow = grid(page).locator(`[role="row"][data-index="${wrong.total}"]`)
    await lastRow.waitFor()
    expect(await lastRow.getAttribute('aria-rowindex')).toBe(String(wrong.total + 1))
    const last = (
      await api<{ rows: Array<{ dialogId: string; turn: number; gold: string }> }>('examples.list', {
        evaluationId: bigA,
        wrongOnly: true,
        offset: wrong.total - 1,
        limit: 1
      })
    ).rows[0]!
    await expect.poll(() => lastRow.locator('[role="gridcell"]').nth(1).textContent()).toBe(last.dialogId)
    expect(await lastRow.locator('[role="gridcell"]').nth(3).textContent()).toBe(last.gold)
    const rendered = await grid(page).locator('[role="row"]').count()
    expect(rendered).toBeLessThan(100)
    expect(rendered).toBeGreaterThan(5)
    await page.screenshot({ path: join(ARTIFACTS, 'errors-table-end.png') })

    // Keyboard: Home, arrows, Page Down / Up, End.
    await grid(page).focus()
    await page.keyboard.press('Home')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe('1')
    expect(await grid(page).evaluate((el) => el.scrollTop)).toBe(0)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe('3')
    await page.keyboard.press('PageDown')
    const afterPage = Number(await selectedRow(page).getAttribute('data-index'))
    expect(afterPage).toBeGreaterThan(3 + 5) // a page is every whole row in view (13 here)
    await page.keyboard.press('PageUp')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe('3')
    await page.keyboard.press('End')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe(String(wrong.total))
    expect(await grid(page).getAttribute('aria-activedescendant')).toBe(await selectedRow(page).getAttribute('id'))
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe(String(wrong.total - 1))
    const chosen = (
      await api<{ rows: Array<{ dialogId: string; turn: number; idx: number }> }>('examples.list', {
        evaluationId: bigA,
        wrongOnly: true,
        offset: wrong.total - 2,
        limit: 1
      })
    ).rows[0]!

    // Enter opens the dialog context: every example of that dialog (wrong or not), by turn.
    await page.keyboard.press('Enter')
    const context = page.getByTestId('ea-dialog-context')
    await context.locator('table').waitFor()
    const dialog = await api<{ total: number; rows: Array<{ dialogId: string; turn: number }> }>('examples.list', {
      evaluationId: bigA,
      text: chosen.dialogId,
      limit: 5000
    })
    const expectedTurns = dialog.rows
      .filter((r) => r.dialogId === chosen.dialogId)
      .map((r) => r.turn)
      .sort((x, y) => x - y)
    expect(expectedTurns.length).toBe(TURNS)
    const turns = await context.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-turn'))))
    expect(turns).toEqual(expectedTurns)
    expect(await context.locator('tbody tr[aria-current="true"]').getAttribute('data-turn')).toBe(String(chosen.turn))
    expect(await context.getByRole('heading').textContent()).toContain(chosen.dialogId)
    // Focus stayed in the grid, so the arrows keep working.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid')
    await page.screenshot({ path: join(ARTIFACTS, 'errors-context.png'), fullPage: true })
    await page.close()
  })

  it('compares two teams on the same dialog turns, with a word-level diff', async () => {
    const page = await openErrors()
    await chooseGeneration(page, labelA)
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: labelB })
    await grid(page).getByRole('columnheader', { name: labelB, exact: true }).waitFor()

    // Row 2 (i = 1): B says "is … today" where A says "costs …"; row 1 (i = 0): both agree.
    const row1 = grid(page).locator('[role="row"][data-index="1"]')
    const row2 = grid(page).locator('[role="row"][data-index="2"]')
    await expect.poll(() => row2.getAttribute('class')).toContain('ea-row-differs')
    expect(await row1.getAttribute('class')).not.toContain('ea-row-differs')
    expect(await row2.locator('del').allTextContents()).toEqual(['costs'])
    expect(await row2.locator('ins').allTextContents()).toEqual(['is', 'today'])
    expect(await row1.locator('[role="gridcell"]').nth(6).textContent()).toBe('= the jacket costs 0 dollars')

    // The detail panel shows the same alignment for the selected example.
    await row2.click()
    const compared = page.getByTestId('compare-prediction')
    await expect.poll(() => compared.locator('ins').allTextContents()).toEqual(['is', 'today', labelB])
    // Far down the list the alignment still holds (a block fetched on demand).
    await grid(page).focus()
    await page.keyboard.press('End')
    await expect.poll(() => selectedRow(page).getAttribute('data-index')).toBe(String(N))
    // i = N - 1 = 49,999: not a multiple of 5, so B differs.
    await expect.poll(() => selectedRow(page).getAttribute('class')).toContain('ea-row-differs')
    await expect.poll(() => compared.textContent()).toContain('today')
    // The distribution chart now has both teams.
    const distribution = page.getByRole('figure', { name: /Per-example BLEU/ })
    expect(await distribution.locator('table th[scope="col"]').allTextContents()).toEqual(['Bin', labelA, labelB])
    await page.screenshot({ path: join(ARTIFACTS, 'errors-compare.png'), fullPage: true })

    // A team scored on the real 60-example gold shares no dialog turn with the synthetic set:
    // positions no longer line up, the other side is indexed by dialog + turn, and has nothing.
    const options = await page.getByRole('combobox', { name: 'Compare with' }).locator('option').allTextContents()
    const third = options.find((o) => /^Team \d+$/.test(o) && o !== labelA && o !== labelB)!
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: third })
    await grid(page).getByRole('columnheader', { name: third, exact: true }).waitFor()
    await grid(page).focus()
    await page.keyboard.press('Home')
    await expect.poll(() => row1.locator('[role="gridcell"]').nth(6).textContent()).toBe('none')
    expect(await row1.getAttribute('class')).not.toContain('ea-row-differs')
    await page.close()
  })

  it('draws the subtask-1 confusion matrix as a heat map with the API counts, in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openErrors(scheme)
      await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ index: 0 })
      const team = await page.getByRole('combobox', { name: 'Team', exact: true }).locator('option:checked').textContent()
      const heatmap = page.getByRole('table', { name: /^Action confusion of/ })
      await heatmap.waitFor()
      const list = await api<Array<{ evaluationId: number; label: string; task: string; domain: string }>>('evaluations.list', {
        challengeId
      })
      const summary = list.find((e) => e.label === team && e.task === 'simmc-st1' && e.domain === 'fashion')!
      const detail = await api<{ confusion: { labels: string[]; counts: number[][] } }>('evaluations.get', {
        evaluationId: summary.evaluationId
      })
      const { labels, counts } = detail.confusion
      expect(await heatmap.locator('thead th[scope="col"]').evaluateAll((ths) => ths.slice(1, -2).map((th) => th.textContent))).toEqual(
        labels
      )
      const shown = await heatmap
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td[data-gold]')].map((td) => Number(td.textContent))))
      expect(shown).toEqual(counts)
      // Colour follows the count: the biggest cell is more saturated than an empty one.
      const colours = await heatmap
        .locator('td[data-gold]')
        .evaluateAll((tds) => tds.map((td) => ({ n: Number(td.textContent), bg: getComputedStyle(td).backgroundColor })))
      const max = colours.reduce((m, c) => (c.n > m.n ? c : m))
      const zero = colours.find((c) => c.n === 0)
      expect(max.n).toBeGreaterThan(0)
      if (zero) expect(max.bg).not.toBe(zero.bg)
      const shot = join(ARTIFACTS, `errors-confusion-${scheme}.png`)
      await page.screenshot({ path: shot, fullPage: true })
      expect(statSync(shot).size).toBeGreaterThan(20_000)
      if (scheme === 'light') {
        // A wrong cell opens its examples in the table: exactly as many rows as the cell counts.
        const i = counts.findIndex((row, g) => row.some((n, p) => p !== g && n > 0))
        const j = counts[i]!.findIndex((n, p) => p !== i && n > 0)
        await heatmap.locator(`td[data-gold="${labels[i]}"][data-predicted="${labels[j]}"] button`).click()
        await page.getByTestId('cell-filter').waitFor()
        await expect.poll(() => grid(page).getAttribute('aria-rowcount')).toBe(String(counts[i]![j]! + 1))
      }
      await page.close()
    }
  })
})
