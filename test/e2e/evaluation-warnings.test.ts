// The Submissions page shows an evaluation's warnings (stored in evaluations.warnings_json,
// migration 005) in Chromium against a real `podium serve`: after intake, one stored
// evaluation carries the warning the scorer writes for a duplicate-prediction file.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeConsole, openConsole } from '../helpers/console'
import type { ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ dataDir, server, browser, page } = await openConsole('warnings'))
})
afterAll(() => closeConsole({ dataDir, server, browser }))

const MESSAGE =
  '2 duplicate predictions counted twice, as the official script does (it scores every prediction it is given): dialog 1 turn 0 at [1].predictions[0] (first at [0].predictions[0])'

describe('evaluation warnings on the Submissions page', () => {
  it('shows the stored warning under the evaluation it belongs to, and nothing elsewhere', async () => {
    await page.goto(`${server.openUrl}#/submissions`)
    await page.locator('tr[data-team="Aurora Labs"]').waitFor()
    await page.getByRole('button', { name: 'Run intake for all' }).click()
    await expect.poll(() => page.getByTestId('intake-summary').textContent(), { timeout: 60_000 }).toContain('9 done, 0 failed')

    // Real demo entries have no duplicate: no warning is shown.
    await page.locator('tr[data-team="Aurora Labs"]').click()
    const detail = page.getByTestId('submission-detail')
    await detail.getByRole('heading', { name: 'Aurora Labs' }).waitFor()
    expect(await detail.locator('.sub-eval-warning').count()).toBe(0)

    // Store the scorer's warning with Aurora Labs' subtask-1 fashion evaluation (a second connection, WAL).
    const db = new Database(join(dataDir, 'podium.sqlite'))
    const changed = db
      .prepare(
        `UPDATE evaluations SET warnings_json = ? WHERE task = 'simmc-st1' AND domain = 'fashion' AND submission_id IN
           (SELECT s.id FROM submissions s JOIN teams t ON t.id = s.team_id WHERE t.name = 'Aurora Labs')`
      )
      .run(JSON.stringify([{ code: 'duplicate-predictions', message: MESSAGE }])).changes
    db.close()
    expect(changed).toBeGreaterThan(0)

    await page.locator('tr[data-team="Blue Heron NLP"]').click()
    await detail.getByRole('heading', { name: 'Blue Heron NLP' }).waitFor()
    await page.locator('tr[data-team="Aurora Labs"]').click()
    await detail.getByRole('heading', { name: 'Aurora Labs' }).waitFor()
    const warning = detail.locator('.sub-eval-warning')
    await expect.poll(() => warning.count()).toBe(1)
    expect(await warning.textContent()).toBe(`⚠ ${MESSAGE}`)
    expect(await warning.getAttribute('role')).toBe('note')
    const rowText = await warning.locator('xpath=ancestor::tr[1]').textContent()
    expect(rowText).toContain('fashion')
  })
})
