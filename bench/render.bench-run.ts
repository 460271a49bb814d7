// Render times in Chromium: a leaderboard of 200 entries and the error table of an
// evaluation with 50,000 examples, each measured inside the page from the user's action
// (navigation or selection) to the rows being on screen; API time included.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CheckReport } from '../src/shared/intake'
import type { ExampleResult } from '../src/shared/scoring'
import { SIMMC_DEADLINE, SIMMC_ENTRY_TAG, simmcChallengeConfig } from '../src/shared/simmc'
import { openStore } from '../src/main/db/store'
import { createRandom } from '../src/main/random'
import { launchChromium } from '../test/helpers/browser'
import { startServe } from '../test/helpers/serve'
import { markdownTable, ms, writeSection } from './table'

const ENTRIES = 200
const EXAMPLES = 50_000
const RUNS = 5
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const okReport = (repo: string): CheckReport => ({
  ok: true,
  repo,
  tag: { name: SIMMC_ENTRY_TAG, type: 'annotated', object: '0'.repeat(40) },
  commit: null,
  dates: { deadline: SIMMC_DEADLINE, modelFiles: [], codeFiles: [] },
  problems: []
})

/** 200 scored teams on subtask 1 (fashion); team 1 also has 50,000 generation examples. */
function seed(dataDir: string): string {
  const store = openStore(dataDir)
  const rng = createRandom('render-bench')
  try {
    const challengeId = store.challenges.insert({
      slug: 'render-bench',
      name: 'Render bench',
      kind: 'simmc',
      deadline: SIMMC_DEADLINE,
      entryTag: SIMMC_ENTRY_TAG,
      config: simmcChallengeConfig('gold'),
      anonSeed: 'bench'
    })
    store.db.transaction(() => {
      for (let i = 1; i <= ENTRIES; i++) {
        const teamId = store.teams.insert({
          challengeId,
          name: `team ${i}`,
          repo: `/repos/${i}`,
          contact: '',
          anonId: `Team ${i}`,
          isBaseline: false,
          flaggedReason: null
        })
        const submissionId = store.submissions.create(teamId, SIMMC_ENTRY_TAG)
        store.submissions.setReport(submissionId, okReport(`/repos/${i}`))
        store.submissions.setStatus(submissionId, 'done')
        const accuracy = 0.5 + rng.next() * 0.45
        store.evaluations.save(submissionId, 'fashion', true, 'f'.repeat(64), {
          task: 'simmc-st1',
          n: 1000,
          metrics: { action_accuracy: accuracy, attribute_accuracy: accuracy * 0.8, action_perplexity: 1 + 4 * (1 - accuracy) },
          stderr: { action_accuracy: 0.015, attribute_accuracy: 0.02, action_perplexity: 0.05 },
          coverage: { predicted: 1000, total: 1000 },
          examples: []
        })
        const examples: ExampleResult[] = Array.from({ length: i === 1 ? EXAMPLES : 10 }, (_, k) => ({
          dialogId: String(20_000 + Math.floor(k / 4)),
          turn: k % 4,
          gold: `the ${['blue', 'red', 'grey'][k % 3]} jacket costs ${k % 90} dollars`,
          prediction: `a ${['blue', 'green'][k % 2]} jacket is ${k % 70} dollars`,
          score: rng.next()
        }))
        store.evaluations.save(submissionId, 'fashion', true, 'f'.repeat(64), {
          task: 'simmc-st2-generation',
          n: examples.length,
          metrics: { bleu: 0.3 },
          stderr: { bleu: 0.01 },
          coverage: { predicted: examples.length, total: examples.length },
          examples
        })
      }
    })()
    return String(challengeId)
  } finally {
    store.close()
  }
}

/** Time inside the page from `act` to `done()` being true, polled every animation frame. */
async function inPage(page: Page, act: string, done: string): Promise<number> {
  return page.evaluate(
    ([actSource, doneSource]) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now()
        new Function(actSource!)()
        const isDone = new Function(`return (${doneSource})`) as () => boolean
        const poll = (): void => {
          if (isDone()) resolve(performance.now() - start)
          else if (performance.now() - start > 30_000) reject(new Error(`not done: ${doneSource}`))
          else requestAnimationFrame(poll)
        }
        poll()
      }),
    [act, done]
  )
}

const select = (label: string, value: string): string =>
  `const el = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(${JSON.stringify(label)}))?.control
   const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set
   setter.call(el, ${JSON.stringify(value)}); el.dispatchEvent(new Event('change', { bubbles: true }))`

it('render', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podium-bench-render-'))
  const challengeId = seed(dataDir)
  const server = await startServe(dataDir, ['--no-demo'])
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await page.goto(server.openUrl)
    await page.getByRole('combobox', { name: 'Select challenge' }).selectOption(challengeId)
    const rows = `document.querySelectorAll('tr[data-label]').length >= ${ENTRIES}`

    const board: number[] = []
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${server.url}#/challenge`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      board.push(await inPage(page, `location.hash = '#/leaderboard'`, rows))
    }

    const table: number[] = []
    const end: number[] = []
    await page.goto(`${server.url}#/errors`)
    await page.getByRole('heading', { name: 'Error analysis' }).waitFor()
    await page.getByRole('combobox', { name: 'Subtask' }).selectOption({ label: 'Subtask 2 — Response Generation (generative)' })
    const grid = `document.querySelector('[role="grid"][aria-rowcount="${EXAMPLES + 1}"] [role="row"][data-index="1"] [role="gridcell"]:nth-child(2)')?.textContent`
    // The team list fills in once the subtask's evaluations have loaded.
    await page.waitForFunction(() => {
      const team = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith('Team'))?.control
      return (team?.querySelectorAll('option').length ?? 0) >= 2
    })
    const teamIds = await page
      .getByRole('combobox', { name: 'Team', exact: true })
      .evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value))
    const big = teamIds.find((id) => id === '1') ?? teamIds[0]!
    const small = teamIds.find((id) => id !== big)!
    for (let run = 0; run < RUNS; run++) {
      await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption(small)
      await page.waitForFunction(`!document.querySelector('[role="grid"][aria-rowcount="${EXAMPLES + 1}"]')`)
      table.push(await inPage(page, select('Team', big), grid))
      end.push(
        await inPage(
          page,
          `document.querySelector('[role="grid"]').scrollTo({ top: 1e9 })`,
          `document.querySelector('[role="row"][data-index="${EXAMPLES}"] [role="gridcell"]:nth-child(2)')?.textContent`
        )
      )
    }

    writeSection(
      '3-render',
      `## Rendering in Chromium (headless, no GPU)

Measured inside the page from the action to the rows on screen, API calls over HTTP included;
median of ${RUNS} (target: under 200 ms each).

${markdownTable(
  ['view', 'median', 'runs'],
  [
    [`leaderboard, ${ENTRIES} entries (navigate to the page)`, ms(median(board)), board.map(ms).join(', ')],
    [`error table, ${EXAMPLES.toLocaleString('en-US')} examples (select the team)`, ms(median(table)), table.map(ms).join(', ')],
    ['error table: scroll to the last row', ms(median(end)), end.map(ms).join(', ')]
  ]
)}
`
    )
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
