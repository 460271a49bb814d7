// The Submissions page in Chromium against a real `podium serve` on a fresh demo challenge:
// intake run from the UI, the verdicts the demo repositories imply, search, adding and flagging a team.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS } from '../helpers/browser'
import { closeConsole, openConsole } from '../helpers/console'
import type { ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let browser: Browser
let page: Page

/** What the demo's repositories are built to trigger (src/main/demo/demo-teams.ts). */
const EXPECTED: Record<string, { verdict: 'ok' | 'not ok'; codes: string[] }> = {
  'Aurora Labs': { verdict: 'ok', codes: [] },
  'Blue Heron NLP': { verdict: 'ok', codes: [] },
  'Cobalt Dialog': { verdict: 'ok', codes: ['LIGHTWEIGHT_TAG'] },
  'Delta Speech': { verdict: 'not ok', codes: ['TAG_AFTER_DEADLINE'] },
  // A partial entry (no furniture retrieval file): judged on what it attempted.
  'Ember AI': { verdict: 'ok', codes: [] },
  'Fjord Research': { verdict: 'not ok', codes: ['LICENSE_NOT_PERMISSIVE'] },
  'Garnet Group': { verdict: 'not ok', codes: ['CODE_CHANGED_AFTER_TAG'] },
  'Harbor Bots': { verdict: 'ok', codes: [] },
  'SIMMC baseline': { verdict: 'ok', codes: [] }
}

const row = (team: string) => page.locator(`tr[data-team="${team}"]`)
const visibleTeams = (): Promise<string[]> =>
  page.locator('tr[data-team]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.team!))

/** Types a query, waits for the debounced search to take it, and checks the rows shown. */
async function searchFor(query: string, expected: string[]): Promise<void> {
  await page.getByLabel('Search teams').fill(query)
  await page.waitForFunction((q) => document.querySelector<HTMLElement>('.c-search')?.dataset.settled === q, query)
  expect(await visibleTeams(), query).toEqual(expected)
}

beforeAll(async () => {
  ;({ dataDir, server, browser, page } = await openConsole('submissions'))
})
afterAll(() => closeConsole({ dataDir, server, browser }))

describe('the Submissions page', () => {
  it('runs intake from the UI and shows the verdict each demo repository implies', async () => {
    await page.goto(`${server.openUrl}#/submissions`)
    await page.getByRole('heading', { name: 'Submissions' }).waitFor()
    await row('Aurora Labs').waitFor()
    expect((await visibleTeams()).sort()).toEqual(Object.keys(EXPECTED).sort())
    // Nothing has been checked yet: no verdict anywhere.
    expect(await page.getByTestId('verdict').filter({ hasText: /ok/ }).count()).toBe(0)

    await page.getByRole('button', { name: 'Run intake for all' }).click()
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll<HTMLElement>('tr[data-team]')]
        return rows.length === 9 && rows.every((r) => r.dataset.status === 'done' || r.dataset.status === 'failed')
      },
      null,
      { timeout: 60_000 }
    )
    await expect.poll(() => page.getByTestId('intake-summary').textContent()).toContain('9 done, 0 failed')

    for (const [team, want] of Object.entries(EXPECTED)) {
      const r = row(team)
      await expect.poll(() => r.getByTestId('verdict').locator('.c-badge').textContent(), { message: team }).toBe(want.verdict)
      const codes = (await r.getByTestId('codes').locator('.sub-code').allTextContents()).sort()
      expect(codes, team).toEqual(want.codes)
    }
    // The deadline in the header is written for people, with its zone, not as raw ISO 8601.
    expect(await page.locator('.sub-sub').textContent()).toContain('deadline 2020-09-27 23:59:59 −12:00')
    // "Queued 9 teams" does not stay once the run is over.
    await expect.poll(() => page.locator('.sub-notice').textContent()).not.toContain('Queued')
    // Only the partial entry carries the "partial" marker beside its verdict.
    expect(await page.getByTestId('attempted').count()).toBe(1)
    expect(await row('Ember AI').getByTestId('attempted').textContent()).toContain('partial')
    expect(await row('Fjord Research').locator('td').nth(4).textContent()).toBe('GPL')
    expect(await row('Cobalt Dialog').locator('td').nth(5).textContent()).toBe('lightweight')

    // Keyboard: focus Delta Speech's row and open it with Enter.
    await row('Delta Speech').focus()
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('submission-detail')
    await detail.getByRole('heading', { name: 'Delta Speech' }).waitFor()
    expect(await row('Delta Speech').getAttribute('aria-current')).toBe('true')
    expect(await detail.getByTestId('deadline-verdict').locator('strong').textContent()).toBe('Not OK')
    const dates = detail.getByRole('table', { name: 'Dates against the deadline' })
    const tagRow = dates.locator('tbody tr', { hasText: 'Tag dstc9-simmc-entry' })
    expect(await tagRow.textContent()).toContain('annotated')
    expect(await tagRow.textContent()).toContain('2020-09-29 09:00:00 −07:00')
    expect(await tagRow.textContent()).toContain('2020-09-29 16:00:00 UTC')
    expect(await tagRow.textContent()).toContain('✗ after')
    const deadlineRow = dates.locator('tbody tr.sub-deadline-row')
    expect(await deadlineRow.textContent()).toContain('2020-09-27 23:59:59 −12:00')
    expect(await deadlineRow.textContent()).toContain('2020-09-28 11:59:59 UTC')
    expect(await dates.locator('tbody tr', { hasText: 'Model file models/model.bin' }).textContent()).toContain('✓ before')
    // The files intake took as the model (the rules ask for model parameters in the tag).
    expect(await detail.getByTestId('model-files').textContent()).toContain('models/model.bin weights')
    const problems = detail.getByRole('list', { name: 'Problems' }).locator('li')
    expect(await problems.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.code))).toEqual(['TAG_AFTER_DEADLINE'])
    expect(await problems.first().textContent()).toContain('The entry tag was created after the deadline')
    expect(await detail.getByRole('table', { name: 'Evaluations of this submission' }).locator('tbody tr').count()).toBe(8)
    const audit = detail.getByRole('table', { name: 'Audit log of Delta Speech' })
    await expect.poll(() => audit.textContent()).toContain('submission.done')
    expect(await audit.textContent()).toContain('submission.fetching')

    // Arrow keys move between rows; Space opens Cobalt Dialog: OK with only the lightweight-tag warning.
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Space')
    await detail.getByRole('heading', { name: 'Cobalt Dialog' }).waitFor()
    expect(await detail.getByTestId('deadline-verdict').textContent()).toContain('0 error(s), 1 warning(s)')
    expect(await detail.getByTestId('deadline-verdict').locator('strong').textContent()).toBe('OK')
    expect(await problems.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.code))).toEqual(['LIGHTWEIGHT_TAG'])
    expect(await problems.first().locator('.c-badge').textContent()).toBe('warning')
    expect(await dates.locator('tbody tr', { hasText: 'Tag dstc9-simmc-entry' }).textContent()).toContain('lightweight')

    // Garnet Group: the file changed after the tag is named.
    await row('Garnet Group').click()
    await detail.getByRole('heading', { name: 'Garnet Group' }).waitFor()
    expect(await detail.locator('.sub-file-other').textContent()).toContain('src/train.py')

    const shot = join(ARTIFACTS, 'submissions.png')
    await page.screenshot({ path: shot, fullPage: true })
    expect(statSync(shot).size).toBeGreaterThan(20_000)
  })

  it('searches with text, regex, `;` unions and @field:value filters, and highlights matches', async () => {
    await searchFor('heron', ['Blue Heron NLP'])
    expect(await row('Blue Heron NLP').locator('mark').allTextContents()).toEqual(['Heron'])
    // Anchored regex: as a plain substring it would find nothing.
    await searchFor('^(aurora|blue)', ['Aurora Labs', 'Blue Heron NLP'])
    expect(await page.getByTestId('search-reading').textContent()).toContain('regex /^(aurora|blue)/')
    // Not a valid regex: searched as typed, finds nothing rather than failing.
    await searchFor('(delta', [])
    await searchFor('delta; ember', ['Delta Speech', 'Ember AI'])
    expect(await page.getByTestId('search-count').textContent()).toBe('2 of 9 teams match')
    await searchFor('@code:TAG_AFTER_DEADLINE', ['Delta Speech'])
    expect(await row('Delta Speech').getByTestId('codes').locator('mark').textContent()).toBe('TAG_AFTER_DEADLINE')
    await searchFor('@license:gpl', ['Fjord Research'])
    await searchFor('@tag:lightweight', ['Cobalt Dialog'])
    await searchFor('@verdict:"not ok" @code:^(REQUIRED|CODE)_', ['Garnet Group'])
    await searchFor('research @status:done; @code:lightweight', ['Cobalt Dialog', 'Fjord Research'])
    await searchFor('@status:failed', [])
    await searchFor('@colour:red', [])
    expect(await page.getByRole('alert').filter({ hasText: 'Unknown field @colour' }).count()).toBe(1)
    await page.getByLabel('Search teams').press('Escape')
    await expect.poll(visibleTeams).toHaveLength(9)
  })

  it('adds a team with inline validation, relaunches its intake, and flags it with a reason', async () => {
    const form = page.locator('form.sub-add')
    const submit = form.getByRole('button', { name: 'Add team' })
    await submit.click()
    expect(await form.getByTestId('add-name-error').textContent()).toBe('Give the team a name.')
    expect(await form.getByTestId('add-repo-error').textContent()).toContain('repository URL')
    expect(await form.getByLabel('Team name').getAttribute('aria-invalid')).toBe('true')

    await form.getByLabel('Team name').fill('aurora labs')
    await form.getByLabel(/Repository URL or path/).fill('git@github.com:indigo/entry.git')
    await submit.click()
    expect(await form.getByTestId('add-name-error').textContent()).toContain('already exists')
    expect(await form.getByTestId('add-repo-error').textContent()).toContain('SSH addresses are not supported')

    await form.getByLabel('Team name').fill('Indigo Speech')
    await form.getByLabel(/Repository URL or path/).fill(join(dataDir, 'no-such-repo'))
    await form.getByLabel(/Contact/).fill('indigo@example.org')
    // Predictions refs (searched in order): a ref git would refuse is named inline.
    await form.getByLabel(/Predictions refs/).fill('st1-preds, my..branch')
    await submit.click()
    expect(await form.getByTestId('add-refs-error').textContent()).toBe('Predictions ref “my..branch” is not a ref name git accepts.')
    await form.getByLabel(/Predictions refs/).fill('st1-preds st3-preds')
    await submit.click()
    await row('Indigo Speech').waitFor()
    expect(await form.getByRole('status').textContent()).toContain('Added Indigo Speech')
    expect(await form.getByTestId('add-name-error').textContent()).toBe('\u00a0')
    expect(await row('Indigo Speech').textContent()).toContain('not run yet')

    // Never run: the button runs it (no "Relaunch"); once run, it relaunches.
    expect(
      await row('Indigo Speech')
        .getByRole('button', { name: /Relaunch/ })
        .count()
    ).toBe(0)
    await row('Indigo Speech').getByRole('button', { name: 'Run intake for Indigo Speech' }).click()
    await expect.poll(() => page.locator('.sub-notice').textContent()).toMatch(/Queued 1 team for intake\.|Intake finished/)
    await page.waitForSelector('tr[data-team="Indigo Speech"][data-status="failed"]', { timeout: 30_000 })
    await row('Indigo Speech').getByRole('button', { name: 'Relaunch intake for Indigo Speech' }).waitFor()
    // "Queued 1 team" does not stay once the queue has drained.
    await expect.poll(() => page.locator('.sub-notice').textContent()).toMatch(/^Intake finished: \d+ done, \d+ failed\.$/)
    await expect.poll(() => row('Indigo Speech').getByTestId('codes').textContent()).toContain('REPO_NOT_FOUND')
    // Never read: its licence is unknown, not "none".
    expect(await row('Indigo Speech').getByTestId('licence').textContent()).toBe('not checked')
    await searchFor('@status:failed', ['Indigo Speech'])
    // Baselines stay listed last.
    await searchFor('', [...Object.keys(EXPECTED).filter((t) => t !== 'SIMMC baseline'), 'Indigo Speech', 'SIMMC baseline'])

    // Flag it from the detail panel (it was selected when added): a reason is required.
    const detail = page.getByTestId('submission-detail')
    await detail.getByRole('heading', { name: 'Indigo Speech' }).waitFor()
    await expect.poll(() => detail.getByTestId('prediction-sources').textContent()).toContain('Searched in order: st1-preds, st3-preds')
    await detail.getByRole('button', { name: 'Flag Indigo Speech' }).click()
    const dialog = page.getByRole('dialog', { name: 'Flag Indigo Speech' })
    await dialog.getByRole('button', { name: 'Flag entry' }).click()
    expect(await dialog.getByRole('alert').textContent()).toContain('Give the reason')
    await dialog.getByLabel('Reason').fill('predictions copied from another team')
    await dialog.getByRole('button', { name: 'Flag entry' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await row('Indigo Speech').getByText('⚑ flagged').waitFor()
    const audit = detail.getByRole('table', { name: 'Audit log of Indigo Speech' })
    await expect.poll(() => audit.textContent()).toContain('team.flagged')
    expect(await audit.textContent()).toContain('predictions copied from another team')
    await searchFor('@flagged:copied', ['Indigo Speech'])

    await detail.getByRole('button', { name: /^Unflag Indigo Speech/ }).click()
    await expect.poll(() => audit.textContent()).toContain('team.unflagged')
    expect(await row('Indigo Speech').getByText('⚑ flagged').count()).toBe(0)

    await searchFor('', [...Object.keys(EXPECTED).filter((t) => t !== 'SIMMC baseline'), 'Indigo Speech', 'SIMMC baseline'])
    expect(await detail.textContent()).toContain('Not checked: the tagged commit could not be read.')

    // Dark theme, with the theme tokens switched.
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim())).toBe('#16181d')
    await page.screenshot({ path: join(ARTIFACTS, 'submissions-dark.png'), fullPage: true })
  })
})
