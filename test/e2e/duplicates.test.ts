// DUPLICATE_ENTRY in Chromium against a real `podium serve`: a team whose repository is another
// team's (same resolved commit, same prediction files) is flagged on the Submissions page and the
// Leaderboard and cannot win until the organizer decides; the decision is in the audit log.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeConsole, openConsole } from '../helpers/console'
import { callApi, waitForIntake, type ServeProcess } from '../helpers/serve'

let dataDir: string
let server: ServeProcess
let browser: Browser
let page: Page

interface Team {
  id: number
  name: string
  anonId: string
  duplicate?: { state: string; basis: string; otherTeamIds: number[] }
}
interface Board {
  rows: Array<{ label: string; winner: boolean; eligible: boolean; reasons: string[]; duplicate?: string }>
  outcome: { winners: string[] }
}

const BOARDS = ['simmc-st1', 'simmc-st2-generation', 'simmc-st2-retrieval', 'simmc-st3'].flatMap((categoryId) =>
  ['fashion', 'furniture'].map((domain) => ({ categoryId, domain }))
)

const teams = async (): Promise<Team[]> => (await callApi(server, 'teams.list', { challengeId: 1 })).body.data as Team[]
const byName = async (name: string): Promise<Team> => (await teams()).find((t) => t.name === name)!
const board = async (categoryId: string, domain: string): Promise<Board> =>
  (await callApi(server, 'leaderboard.get', { challengeId: 1, categoryId, domain })).body.data as Board

beforeAll(async () => {
  ;({ dataDir, server, browser, page } = await openConsole('duplicates', async (started) => {
    const listed = (await callApi(started, 'teams.list', { challengeId: 1 })).body.data as Array<{ name: string; repo: string }>
    const aurora = listed.find((t) => t.name === 'Aurora Labs')!
    const added = await callApi(started, 'teams.add', { challengeId: 1, name: 'Copycat', repo: aurora.repo })
    expect(added.body.ok).toBe(true)
    expect((await callApi(started, 'intake.run', { challengeId: 1 })).body.data.queued).toBe(10)
    await waitForIntake(started, 1)
  }))
}, 120_000)
afterAll(() => closeConsole({ dataDir, server, browser }))

describe('duplicate entries', () => {
  it('flags both teams of the shared repository and keeps them out of every board’s winners', async () => {
    const copycat = await byName('Copycat')
    const aurora = await byName('Aurora Labs')
    expect(copycat.duplicate).toEqual({ state: 'pending', basis: 'commit', otherTeamIds: [aurora.id] })
    expect(aurora.duplicate).toEqual({ state: 'pending', basis: 'commit', otherTeamIds: [copycat.id] })
    for (const { categoryId, domain } of BOARDS) {
      const view = await board(categoryId, domain)
      for (const anon of [copycat.anonId, aurora.anonId]) {
        const row = view.rows.find((r) => r.label === anon)!
        expect(row.winner, `${categoryId}/${domain} ${anon}`).toBe(false)
        expect(row.eligible).toBe(false)
        expect(row.duplicate).toBe('pending')
        expect(row.reasons.join(' ')).toContain('duplicate entry: the same commit as')
      }
      expect(view.outcome.winners.length).toBeGreaterThan(0)
    }
    // A team that is not a duplicate has nothing to decide.
    const cobalt = await byName('Cobalt Dialog')
    const refused = await callApi(server, 'teams.decideDuplicate', { teamId: cobalt.id, decision: 'exclude' })
    expect(refused.body.error.code).toBe('CONFLICT')
    const bad = await callApi(server, 'teams.decideDuplicate', { teamId: copycat.id, decision: 'maybe' })
    expect(bad.body.error.code).toBe('BAD_REQUEST')
  })

  it('shows DUPLICATE_ENTRY on the Submissions page; the organizer excludes the copy and clears the original', async () => {
    await page.goto(`${server.openUrl}#/submissions`)
    const copyRow = page.locator('tr[data-team="Copycat"]')
    await expect.poll(() => copyRow.getByTestId('codes').textContent()).toContain('DUPLICATE_ENTRY')
    await copyRow.click()
    const detail = page.getByTestId('submission-detail')
    await expect.poll(() => detail.getByTestId('duplicate').textContent()).toContain('same commit as Aurora Labs')
    await detail.getByRole('button', { name: 'Exclude from winners' }).click()
    await expect.poll(() => detail.getByTestId('duplicate').textContent()).toContain('excluded: cannot win')
    await expect.poll(() => detail.locator('table.sub-audit').textContent()).toContain('team.duplicate.exclude')

    await page.locator('tr[data-team="Aurora Labs"]').click()
    await detail.getByRole('button', { name: 'Distinct entry' }).click()
    await expect.poll(() => detail.getByTestId('duplicate').textContent()).toContain('judged a distinct entry')
    await expect.poll(() => page.locator('tr[data-team="Aurora Labs"]').getByTestId('codes').textContent()).not.toContain('DUPLICATE_ENTRY')

    const copycat = await byName('Copycat')
    const aurora = await byName('Aurora Labs')
    const st1 = await board('simmc-st1', 'fashion')
    expect(st1.rows.find((r) => r.label === copycat.anonId)!.reasons.join(' ')).toContain('excluded by the organizers')
    expect(st1.rows.find((r) => r.label === aurora.anonId)!.eligible).toBe(true)

    await page.goto(`${server.openUrl}#/leaderboard`)
    await page.locator(`tr[data-label="${copycat.anonId}"]`).waitFor()
    expect(await page.locator(`tr[data-label="${copycat.anonId}"]`).getByTestId('duplicate-mark').textContent()).toBe('duplicate')
    expect(await page.locator(`tr[data-label="${aurora.anonId}"]`).getByTestId('duplicate-mark').count()).toBe(0)
  })
})
