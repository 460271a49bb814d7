import { challengeCommand, teamCommand } from './admin-commands'
import { checkRepoCommand } from './check-repo-command'
import { compareCommand } from './compare-command'
import { dbCommand } from './db-command'
import { intakeCommand } from './intake-command'
import { demoCommand } from './demo-command'
import { noticesCommand, reportCommand } from './report-command'
import { scoreCommand } from './score-command'
import { serveCommand } from './serve-command'
import { wildCommand, wildLimitsCommand, wildUnblockCommand } from './wild-command'
import { winnersCommand } from './winners-command'
import { witnessCommand } from './witness-command'

import type { Command } from './define-command'

export const COMMANDS: Command[] = [
  serveCommand,
  demoCommand,
  dbCommand,
  challengeCommand,
  teamCommand,
  checkRepoCommand,
  witnessCommand,
  intakeCommand,
  scoreCommand,
  winnersCommand,
  compareCommand,
  reportCommand,
  noticesCommand,
  wildCommand,
  wildLimitsCommand,
  wildUnblockCommand
]

export function helpText(): string {
  return [
    'Podium: offline console for dialog-challenge organizers.',
    '',
    'Usage: podium <command> [options]',
    '',
    ...COMMANDS.flatMap((c) => [`  podium ${c.usage}`, `      ${c.summary}`]),
    '',
    'Common option: --data DIR (default ~/.podium, or $PODIUM_DATA).',
    ''
  ].join('\n')
}
