import { resolve } from 'node:path'
import { determineWinners } from '../ranking/winner-rule'
import { parseWinnersInput, winnersJson } from '../ranking/winners-input'
import { readInput } from '../scoring/score-files'
import { defineCommand, flag, text } from './define-command'

export const winnersCommand = defineCommand({
  name: 'winners',
  usage: '--input FILE [--se best|each|max] [--json]',
  summary: 'apply the winner rule (priority list, one standard error, tie-break, joint winners)',
  options: { input: text, se: text, json: flag },
  async run({ values, required, fail }) {
    const seSource = values.se ?? 'best'
    if (seSource !== 'best' && seSource !== 'each' && seSource !== 'max') fail(`--se must be best, each or max, got "${seSource}"`)
    const path = resolve(required('input'))
    const outcome = determineWinners(parseWinnersInput(readInput(path, 'input'), path), { seSource: seSource as 'best' | 'each' | 'max' })
    if (values.json) {
      process.stdout.write(`${winnersJson(outcome)}\n`)
      return 0
    }
    const label = outcome.joint ? 'Joint winners' : 'Winner'
    process.stdout.write(`${label}: ${outcome.winners.join(', ') || '(none)'}\n`)
    for (const step of outcome.trace) {
      process.stdout.write(
        `  ${step.metric} (${step.direction}): kept ${step.stayed.map((s) => s.team).join(', ')}` +
          `${step.dropped.length ? `; dropped ${step.dropped.map((d) => `${d.team} (${d.reason})`).join(', ')}` : ''}\n`
      )
    }
    return 0
  }
})
