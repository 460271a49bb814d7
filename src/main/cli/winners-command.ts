import { resolve } from 'node:path'
import { determineWinners } from '../ranking/winner-rule'
import { parseWinnersInput, winnersJson } from '../ranking/winners-command'
import { readInput } from '../scoring/score-files'
import { parseCommandArgs, requireOption, UsageError } from './args'
import type { Command } from './commands'

export const winnersCommand: Command = {
  name: 'winners',
  usage: 'winners --input FILE [--se best|each|max] [--json]',
  summary: 'apply the winner rule (priority list, one standard error, tie-break, joint winners)',
  async run(argv) {
    const { values } = parseCommandArgs('winners', argv, {
      input: { type: 'string' },
      se: { type: 'string' },
      json: { type: 'boolean' }
    })
    const path = resolve(requireOption('winners', values, 'input'))
    const seSource = values.se ?? 'best'
    if (seSource !== 'best' && seSource !== 'each' && seSource !== 'max') {
      throw new UsageError(`winners: --se must be best, each or max, got "${seSource}"`)
    }
    const outcome = determineWinners(parseWinnersInput(readInput(path, 'input'), path), { seSource })
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
}
