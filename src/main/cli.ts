// `podium`: the headless CLI. Every command runs on the same services as the UI.
import { ApiError } from '../shared/api'
import { DatabaseOpenError } from './db/database'
import { UsageError } from './cli/args'
import { COMMANDS, helpText } from './cli/commands'
import { runCliProcess } from './cli/run-process'

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    process.stdout.write(helpText())
    return 0
  }
  if (name === 'help') {
    const command = COMMANDS.find((c) => c.name === rest[0])
    if (!command || rest.length > 1) throw new UsageError(`help: unknown command "${rest.join(' ')}"; run \`podium --help\``)
    process.stdout.write(command.help())
    return 0
  }
  if (name === '--version') {
    const { PODIUM_VERSION } = await import('./version')
    process.stdout.write(`${PODIUM_VERSION}\n`)
    return 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) throw new UsageError(`unknown command "${name}"; run \`podium --help\``)
  return command.run(rest)
}

// Database and API refusals (a damaged data dir, a request the services refuse) are bad input too.
runCliProcess(
  () => main(process.argv.slice(2)),
  (error) => error instanceof DatabaseOpenError || (error instanceof ApiError && error.code !== 'INTERNAL')
)
