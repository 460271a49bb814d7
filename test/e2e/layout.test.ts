// Every page at 1024×700, light and dark, on a scored demo (SIMMC and ConvAI2): no horizontal
// scroll of the page itself (wide tables scroll inside their own box), the confusion heat map's
// cells keep their colour (no bordered white buttons), the Flag dialog's text is not clipped.
// Screenshots of each page go to test/artifacts.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS } from '../helpers/browser'
import { closeConsole, openConsole, type ConsoleSession } from '../helpers/console'
import { callApi, waitForIntake } from '../helpers/serve'

let session: ConsoleSession
let convai2Id: number

const SIMMC_PAGES = ['challenge', 'submissions', 'leaderboard', 'errors', 'reports']
const CONVAI2_PAGES = ['challenge', 'submissions', 'leaderboard', 'human', 'errors', 'reports']
const READY: Record<string, string> = {
  challenge: 'main h2',
  submissions: 'tr[data-team]',
  leaderboard: 'tr[data-label]',
  human: 'main h2',
  errors: 'main h1',
  reports: 'main h2'
}

beforeAll(async () => {
  session = await openConsole('layout', async (server) => {
    const challenges = (await callApi(server, 'challenges.list', null)).body.data as Array<{ id: number; kind: string }>
    convai2Id = challenges.find((c) => c.kind === 'convai2')!.id
    for (const c of challenges) {
      await callApi(server, 'intake.run', { challengeId: c.id })
      await waitForIntake(server, c.id)
    }
  })
}, 180_000)
afterAll(() => closeConsole(session))

/** How far the page scrolls sideways (0 = it fits), and the outermost elements sticking out. */
const sidewaysOverflow = (page: Page): Promise<{ px: number; culprits: string[] }> =>
  page.evaluate(() => {
    const el = document.scrollingElement!
    const width = el.clientWidth
    // An element inside a box that scrolls or clips sideways (and fits) does not widen the page.
    const clipped = (e: HTMLElement): boolean => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 0.5) return true
      }
      return false
    }
    const out = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (e) => e.getBoundingClientRect().right > width + 0.5 && !clipped(e)
    )
    const outer = out.filter((e) => !out.includes(e.parentElement!))
    const name = (e: HTMLElement): string =>
      `${e.parentElement?.className ?? ''} > ${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').slice(0, 30)}" (${Math.round(e.getBoundingClientRect().right)})`
    return { px: el.scrollWidth - width, culprits: outer.slice(0, 5).map(name) }
  })

async function visit(page: Page, challengeId: number, id: string): Promise<void> {
  await page.goto(`${session.server.openUrl}#/${id}`)
  await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(String(challengeId))
  await page.locator(READY[id]!).first().waitFor()
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
}

describe('1024×700 layouts', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`no page scrolls sideways (${scheme})`, async () => {
      const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: scheme })
      const overflow: Record<string, number> = {}
      const culprits: Record<string, string[]> = {}
      for (const [challengeId, kind, pages] of [
        [1, 'simmc', SIMMC_PAGES],
        [convai2Id, 'convai2', CONVAI2_PAGES]
      ] as const) {
        for (const id of pages) {
          await visit(page, challengeId, id)
          if (id === 'submissions') {
            // With a team's detail open: the widest state of the page.
            await page.locator('tr[data-team]').first().click()
            await page.getByTestId('submission-detail').waitFor()
          }
          const found = await sidewaysOverflow(page)
          overflow[`${kind}/${id}`] = found.px
          if (found.px > 0) culprits[`${kind}/${id}`] = found.culprits
          await page.screenshot({ path: join(ARTIFACTS, `layout-1024-${scheme}-${kind}-${id}.png`), fullPage: true })
        }
      }
      expect(overflow, JSON.stringify(culprits)).toEqual(Object.fromEntries(Object.keys(overflow).map((k) => [k, 0])))
      await page.close()
    })
  }

  it('the confusion heat map cells are coloured cells, not white bordered buttons (light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: scheme })
      await visit(page, 1, 'errors')
      await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ index: 0 })
      const button = page.locator('.ea-heat-button').first()
      await button.waitFor()
      const style = await button.evaluate((b) => {
        const s = getComputedStyle(b)
        const cell = b.closest('td')!.getBoundingClientRect()
        const box = b.getBoundingClientRect()
        return { bg: s.backgroundColor, border: s.borderTopWidth, inside: box.right <= cell.right + 0.5 && box.left >= cell.left - 0.5 }
      })
      expect(style, scheme).toEqual({ bg: 'rgba(0, 0, 0, 0)', border: '0px', inside: true })
      await page.close()
    }
  })

  it('the Flag dialog on the Leaderboard shows its whole text at 1024×700', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 } })
    await visit(page, 1, 'leaderboard')
    await page.locator('tr[data-label] button', { hasText: /flag/i }).first().click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    const clipped = await dialog.evaluate((d) =>
      [d, ...d.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .map((el) => el.outerHTML.slice(0, 80))
    )
    expect(clipped).toEqual([])
    const box = (await dialog.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(1024)
    await page.screenshot({ path: join(ARTIFACTS, 'layout-1024-flag-dialog.png') })
    await page.close()
  })
})

describe('plain words', () => {
  it('labels metrics in words (keys only in tooltips) and says winners follow the challenge rule under another ranking method', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 } })
    await visit(page, 1, 'leaderboard')
    const headers = await page.locator('table.lb-table thead th').allTextContents()
    expect(headers.join(' | ')).toContain('Action Accuracy')
    expect(headers.join(' | ')).not.toContain('action_accuracy')
    expect(await page.locator('table.lb-table thead [title="action_accuracy"]').count()).toBe(1)
    expect(await page.getByTestId('winner-rule-note').count()).toBe(0)
    await page.getByLabel('Ranking method').selectOption('normalized-average')
    await expect.poll(() => page.getByTestId('winner-rule-note').count()).toBe(1)
    expect(await page.getByTestId('winner-rule-note').textContent()).toContain("winners follow the challenge's winner rule")
    await page.close()
  })

  it('keeps the selected challenge in the URL across a reload', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 } })
    await visit(page, convai2Id, 'leaderboard')
    await page.getByRole('heading', { name: 'ConvAI2 leaderboard' }).waitFor()
    expect(new URL(page.url()).hash).toBe(`#/leaderboard?challenge=${convai2Id}`)
    await page.reload()
    await page.getByRole('heading', { name: 'ConvAI2 leaderboard' }).waitFor()
    expect(await page.getByRole('combobox', { name: 'Select challenge' }).inputValue()).toBe(String(convai2Id))
    // The main menu keeps it too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Challenge' }).click()
    await page.locator('main h1').waitFor()
    expect(new URL(page.url()).hash).toBe(`#/challenge?challenge=${convai2Id}`)
    await page.close()
  })

  it('the ConvAI2 Challenge page states its own rule and its ParlAI baselines, not the SIMMC winner rule', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 } })
    await visit(page, convai2Id, 'challenge')
    // The first challenge's page is already drawn when the selection changes: wait for the ConvAI2 one.
    await page.getByRole('heading', { level: 1, name: /convai2/i }).waitFor()
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain('3 ParlAI baselines')
    expect(text).not.toContain('0 baselines')
    expect(text).not.toContain('within one standard error')
    expect(await page.getByTestId('challenge-rule').textContent()).toContain(
      'beats the ParlAI baselines in at least one of PPL, Hits@1, F1'
    )
    await page.close()
  })
})

describe('contrast', () => {
  it('the active menu item reads at 4.5:1 or more in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: scheme })
      await visit(page, 1, 'challenge')
      const ratio = await page.locator('.sidebar a[aria-current="page"]').evaluate((a) => {
        const rgb = (c: string): number[] =>
          c
            .match(/\d+(\.\d+)?/g)!
            .slice(0, 3)
            .map(Number)
        const lum = (c: string): number => {
          const [r, g, b] = rgb(c).map((v) => {
            const x = v / 255
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
          })
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
        }
        const s = getComputedStyle(a)
        const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x)
        return (hi! + 0.05) / (lo! + 0.05)
      })
      expect(ratio, scheme).toBeGreaterThanOrEqual(4.5)
      await page.close()
    }
  })
})
