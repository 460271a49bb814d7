// The ConvAI2 screens in Chromium against a real `podium serve`: the leaderboard beside the ParlAI
// baselines (best marks, eligibility, wild slots, anonymized by default), then a human evaluation
// from the UI — start the Bot API server, chat with a demo bot, rate — and its results on both pages.
// Expected values come from the API itself (anonymous ids are random per challenge).
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS } from '../helpers/browser'
import { closeConsole, openConsole } from '../helpers/console'
import { callApi, waitForIntake, type ServeProcess } from '../helpers/serve'

const REAL_NAMES = ['Lighthouse', 'Marmot', 'Nimbus Chat', 'Orchid Labs', 'Pelican', 'Quokka']

let dataDir: string
let server: ServeProcess
let browser: Browser
let page: Page
let challengeId: number
let teams: Array<{ id: number; name: string; anonId: string }>

const api = async (channel: string, body: unknown): Promise<any> => {
  const { body: out } = await callApi(server, channel, body)
  expect(out.ok, `${channel}: ${JSON.stringify(out.error)}`).toBe(true)
  return out.data
}
const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, name), fullPage: true })

beforeAll(async () => {
  ;({ dataDir, server, browser, page } = await openConsole('convai2', async (started) => {
    server = started
    challengeId = ((await api('challenges.list', null)) as Array<{ id: number; kind: string }>).find((c) => c.kind === 'convai2')!.id
    await api('intake.run', { challengeId })
    await waitForIntake(started, challengeId)
    teams = await api('teams.list', { challengeId })
  }))
})
afterAll(() => closeConsole({ dataDir, server, browser }))

describe('ConvAI2 in the console', () => {
  it('shows the leaderboard beside the baselines, anonymized, with best marks, eligibility and wild slots', async () => {
    await page.goto(server.openUrl)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Leaderboard' }).waitFor()
    // SIMMC is selected first: no human evaluation there.
    expect(await nav.getByRole('link', { name: 'Human evaluation' }).count()).toBe(0)
    await page.getByLabel('Select challenge').selectOption({ label: 'ConvAI2 (demo)' })
    await nav.getByRole('link', { name: 'Leaderboard' }).click()
    await page.getByRole('heading', { name: 'ConvAI2 leaderboard' }).waitFor()
    await page.locator('tr[data-label]').first().waitFor()

    const board = await api('convai2.leaderboard', { challengeId })
    const labels = await page.locator('tr[data-label]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.label))
    expect(labels).toEqual(board.rows.map((r: { label: string }) => r.label))
    expect(await page.locator('tr[data-baseline="true"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.label))).toEqual(
      ['Seq2Seq + Attention', 'Language Model', 'KV Profile Memory']
    )
    // Table units: the Seq2Seq baseline's F1 is 16.82 (%), its PPL 35.07.
    const seq2seq = page.locator('tr[data-label="Seq2Seq + Attention"]')
    expect(await seq2seq.locator('td[data-metric="f1"]').textContent()).toContain('16.82')
    expect(await seq2seq.locator('td[data-metric="ppl"]').textContent()).toContain('35.07')

    const bestCount = board.rows.reduce((n: number, r: { bestIn: string[] }) => n + r.bestIn.length, 0)
    expect(bestCount).toBeGreaterThan(0)
    expect(await page.getByTestId('best-mark').count()).toBe(bestCount)
    expect(await page.locator('tr[data-baseline="true"] [data-testid="best-mark"]').count()).toBe(0)

    // The late team (Orchid Labs) is on the board, ineligible, with the reason, and without a wild slot.
    const late = page.locator(`tr[data-label="${teams.find((t) => t.name === 'Orchid Labs')!.anonId}"]`)
    expect(await late.getAttribute('data-eligible')).toBe('false')
    expect(await late.getByTestId('ineligible-reasons').textContent()).toMatch(/after the deadline/)
    expect(await late.getByTestId('wild-slot').count()).toBe(0)
    const wild = board.rows.filter((r: { wild: boolean }) => r.wild).map((r: { label: string }) => r.label)
    expect(wild.length).toBeGreaterThan(0)
    expect(await page.locator('tr[data-wild="true"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.label))).toEqual(
      wild
    )
    expect(await page.getByTestId('wild-slot').allTextContents()).toEqual(wild.map((_: string, i: number) => `slot ${i + 1} of 10`))
    expect(await page.getByTestId('wild-summary').textContent()).toContain(`${wild.length} of 10 slots`)
    expect(await page.locator('.cv-chart').count()).toBe(3)

    const text = (await page.locator('main').textContent()) ?? ''
    for (const name of REAL_NAMES) expect(text).not.toContain(name)
    await shot('convai2-leaderboard.png')

    await page.getByLabel('Show real team names').check()
    await page.locator('tr[data-label="Orchid Labs"]').waitFor()
    expect(await page.locator('tr[data-label="Orchid Labs"]').getAttribute('data-eligible')).toBe('false')
    await page.getByLabel('Show real team names').uncheck()
  })

  it('runs a human evaluation from the UI and shows its results', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Human evaluation' }).click()
    await page.getByRole('heading', { name: 'Human evaluation' }).waitFor()

    // Before the server runs, the API's refusal is shown next to the button that caused it.
    await page.getByRole('button', { name: 'Start a conversation' }).click()
    await expect.poll(() => page.getByTestId('start-error').textContent()).toMatch(/server is not running/)

    // Bots that never called getUpdates are not "active"; the limits in force are shown.
    const registered = page.getByRole('table', { name: 'Registered bots' })
    expect(await registered.locator('tr[data-bot="Lighthouse bot"]').textContent()).toContain('never connected')
    expect(await page.getByTestId('wild-limits').textContent()).toMatch(/600 s without a message .* 1000 messages; .* after 10 invalid/)
    await page.getByRole('button', { name: 'Start the server' }).click()
    await expect
      .poll(() =>
        page
          .getByTestId('wild-url')
          .textContent()
          .catch(() => '')
      )
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    // Tokens are masked until revealed.
    const token = page.locator('tr[data-bot="Lighthouse bot"]').getByTestId('bot-token')
    expect(await token.textContent()).not.toContain('demo-bot-')
    await page.getByRole('button', { name: 'Reveal the token of Lighthouse bot' }).click()
    expect(await token.textContent()).toMatch(/^demo-bot-\d+$/)

    await page.getByRole('button', { name: 'Start a conversation' }).click()
    const log = page.getByRole('log', { name: 'Conversation' })
    const composer = page.getByLabel('Your message')
    await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true)
    await composer.fill('hi! i love cooking pasta at weekends.')
    await composer.press('Enter')
    await log.locator('[data-sender="human"]', { hasText: 'cooking pasta' }).waitFor()
    // The demo bot answers over the real Bot API, about the last long word of the message.
    await log.locator('[data-sender="bot"]', { hasText: 'tell me more about weekends' }).waitFor({ timeout: 20_000 })
    expect(await composer.inputValue()).toBe('')

    // The evaluator never sees the bot's profile or who made it.
    const [dialog] = (await api('wild.dialogs', null)) as Array<{ chatId: number; botName: string; profile: string[] }>
    const evaluator = (await page.locator('.cv-evaluator').textContent()) ?? ''
    for (const line of dialog!.profile) expect(evaluator).not.toContain(line)
    expect(evaluator).not.toMatch(/\/start|Lighthouse|Marmot/)
    await shot('convai2-chat.png')
    // Evaluator mode: with the organizer panel hidden, no team name is anywhere in the page (not just hidden from view).
    await page.getByRole('button', { name: 'Hide the organizer panel' }).click()
    const html = await page.content()
    for (const name of REAL_NAMES) expect(html.includes(name), name).toBe(false)
    await page.getByRole('button', { name: 'Show the organizer panel' }).click()
    await page.getByRole('table', { name: 'Registered bots' }).waitFor()

    await page.getByRole('button', { name: 'End and rate' }).click()
    await page.getByRole('button', { name: 'Submit the rating' }).click()
    expect(await page.getByTestId('rate-error').textContent()).toMatch(/quality/)
    await page.getByRole('radio', { name: '4 quite a lot' }).check()
    await page.getByRole('radio', { name: /^Profile 1/ }).check()
    await shot('convai2-rate-form.png')
    await page.getByRole('button', { name: 'Submit the rating' }).click()
    await page.getByTestId('thanks').waitFor()

    // Results: the bot's row (organizer view), the dialog's rating, then the leaderboard's human column.
    const stats = page.locator(`[data-testid="bot-stats"] tr[data-bot="${dialog!.botName}"]`)
    await expect.poll(() => stats.getByTestId('stat-rated').textContent()).toBe('1')
    // One rating: a mean without a standard error (undefined for n = 1, not 0).
    expect(await stats.getByTestId('stat-quality').textContent()).toBe('4.00 no SE n = 1')
    expect(await stats.getByTestId('stat-roleplay').textContent()).toMatch(/^(0|100)% no SE n = 1$/)
    await expect
      .poll(() => page.locator(`tr[data-chat="${dialog!.chatId}"]`).getByTestId('dialog-rating').textContent())
      .toMatch(/quality 4/)
    await page.locator('.cv-stat-chart .recharts-bar-rectangle').first().waitFor()
    await shot('convai2-rated.png')

    await page.getByRole('button', { name: 'Start another conversation' }).click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Start a conversation' }).evaluate((el) => el === document.activeElement))
      .toBe(true)

    const teamName = dialog!.botName.replace(/ bot$/, '')
    const anonId = teams.find((t) => t.name === teamName)!.anonId
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leaderboard' }).click()
    const row = page.locator(`tr[data-label="${anonId}"]`)
    await expect
      .poll(() =>
        row
          .getByTestId('human-quality')
          .textContent()
          .catch(() => '')
      )
      .toMatch(/^4\.00 no SE n = 1$/)

    await page.emulateMedia({ colorScheme: 'dark' })
    await shot('convai2-leaderboard-dark.png')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Human evaluation' }).click()
    await page.getByTestId('wild-url').waitFor()
    await shot('convai2-human-evaluation-dark.png')
    await page.emulateMedia({ colorScheme: 'light' })

    // A bot blocked at the invalid-message limit: the evaluator is told, the organizer unblocks it.
    await page.getByRole('button', { name: 'Start a conversation' }).click()
    await page.getByLabel('Your message').waitFor()
    const dialogs = (await api('wild.dialogs', null)) as Array<{ chatId: number; botId: number; botName: string; status: string }>
    const open = dialogs.find((d) => d.status === 'open')!
    const { bots, url } = (await api('wild.status', null)) as { url: string; bots: Array<{ id: number; token: string }> }
    const blockedToken = bots.find((b) => b.id === open.botId)!.token
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${url}bot${blockedToken}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: open.chatId, text: '' })
      })
      expect(response.status).toBe(400)
    }
    await expect
      .poll(() => page.getByTestId('chat-status').textContent())
      .toMatch(/Dialog ended: the bot was blocked after too many invalid messages/)
    const botRow = page.getByRole('table', { name: 'Registered bots' }).locator(`tr[data-bot="${open.botName}"]`)
    await botRow.getByRole('button', { name: `Unblock ${open.botName}` }).click()
    await expect.poll(() => botRow.textContent()).not.toMatch(/blocked/)
    expect(
      ((await api('wild.status', null)) as { bots: Array<{ id: number; invalidCount: number }> }).bots.find((b) => b.id === open.botId)
    ).toMatchObject({
      invalidCount: 0
    })
  })
})
