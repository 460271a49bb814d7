// The Leaderboard's significance matrix in Chromium against a real `podium serve` on the scored
// demo challenge: run the tests, see the p-value matrix with the winners outlined and the
// robustness line, click a cell, see the examples where the two entries differ most.
import { readFileSync } from 'node:fs'
import type { Browser, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignificanceResult } from '../../src/shared/significance'
import { closeConsole, openConsole } from '../helpers/console'
import { callApi, waitForIntake, type ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ dataDir, server, browser, page } = await openConsole('significance', async (started) => {
    expect((await callApi(started, 'intake.run', { challengeId: 1 })).body.data.queued).toBe(9)
    await waitForIntake(started, 1)
  }))
})
afterAll(() => closeConsole({ dataDir, server, browser }))

describe('the significance matrix on the Leaderboard', () => {
  it('opens the matrix, outlines the winners, and a click shows where two entries differ', async () => {
    await page.goto(`${server.openUrl}#/leaderboard`)
    await page.locator('tr[data-label]').first().waitFor()
    await page.getByLabel('Category', { exact: true }).selectOption('simmc-st2-generation')
    await page.getByLabel('Domain').selectOption('fashion')

    const panel = page.getByTestId('significance')
    await panel.getByLabel('Top').fill('4')
    await panel.getByRole('button', { name: 'Run significance tests' }).click()
    await panel.getByTestId('winner-robustness').waitFor({ timeout: 60_000 })

    // The same request over the API gives the numbers on screen (same default seed and resamples).
    const { body } = await callApi(server, 'significance.compare', {
      challengeId: 1,
      categoryId: 'simmc-st2-generation',
      domain: 'fashion',
      top: 4
    })
    const expected = body.data as SignificanceResult
    expect(expected.entries).toHaveLength(4)
    const cells = panel.getByTestId('significance-cell')
    expect(await cells.count()).toBe(12)
    const bleu = expected.metrics[0]!
    const first = bleu.pairs.find((p) => p.a === 0 && p.b === 1)!
    const shown = await cells.first().textContent()
    expect(Number(shown!.replace('<', '').replace(/^\./, '0.'))).toBeCloseTo(first.pBootstrap < 0.001 ? 0.001 : first.pBootstrap, 3)

    const robustness = await panel.getByTestId('winner-robustness').textContent()
    expect(robustness).toContain(`${(100 * expected.robustness.share).toFixed(1)} %`)
    for (const w of expected.winners) expect(robustness).toContain(w)
    const outlined = await panel.locator('thead th.sig-winner').allTextContents()
    expect(outlined.sort()).toEqual(
      expected.entries
        .filter((e) => expected.winners.includes(e.team))
        .map((e) => e.team)
        .sort()
    )

    // Click the cell of the first two entries: the examples where they differ most.
    const [a, b] = [expected.entries[0]!.team, expected.entries[1]!.team]
    await panel.getByRole('button', { name: new RegExp(`^${a} vs ${b}: p = `) }).click()
    const diff = page.getByTestId('significance-diff')
    await diff.getByTestId('significance-diff-row').first().waitFor()
    expect(await diff.locator('h3').textContent()).toBe(`Where ${a} and ${b} differ most`)
    expect(await diff.getByTestId('significance-diff-row').count()).toBeGreaterThan(0)
    // The second entry's prediction is diffed word by word against the first's.
    expect(await diff.locator('.ea-word-diff').count()).toBeGreaterThan(0)
    expect(await diff.locator('.ea-word-diff del, .ea-word-diff ins').count()).toBeGreaterThan(0)
  })

  it('downloads the paper results: booktabs LaTeX, Markdown and the SVG matrix, with seed and resamples', async () => {
    const downloads: Download[] = []
    page.on('download', (d) => downloads.push(d))
    await page
      .getByTestId('significance')
      .getByRole('button', { name: /^Download paper results/ })
      .click()
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(3)
    const base = 'simmc-dstc9-demo-simmc-st2-generation-fashion'
    expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual([`${base}-significance.svg`, `${base}.md`, `${base}.tex`])
    const tex = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.tex'))!.path())!, 'utf8')
    expect(tex).toContain('\\toprule')
    expect(tex).toContain('1000 resamples, seed 12345')
  })
})
