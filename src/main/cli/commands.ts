import { dbCommand } from './db-command'
import { intakeCommand } from './intake-command'
import { demoCommand } from './demo-command'
import { scoreCommand } from './score-command'
import { serveCommand } from './serve-command'
import { winnersCommand } from './winners-command'

export interface Command {
  name: string
  usage: string
  summary: string
  /** Resolves to the exit code; throws UsageError/InputError for bad input (exit 2). */
  run(argv: string[]): Promise<number>
}

export const COMMANDS: Command[] = [serveCommand, demoCommand, dbCommand, intakeCommand, scoreCommand, winnersCommand]

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length))
  return [
    'Podium: offline console for dialog-challenge organizers.',
    '',
    'Usage: podium <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Common option: --data DIR (default ~/.podium, or $PODIUM_DATA).',
    ''
  ].join('\n')
}
