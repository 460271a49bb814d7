// `podium`: the headless CLI. Every command runs on the same services as the UI.
import { ApiError } from '../shared/api'
import { DatabaseOpenError } from './db/database'
import { InputError } from './scoring/input-error'
import { UsageError } from './cli/args'
import { COMMANDS, helpText } from './cli/commands'

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

// `podium … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Bad input is the user's to fix: one line, exit 2. Anything else is our bug: exit 1.
    const refused = error instanceof ApiError && error.code !== 'INTERNAL'
    if (error instanceof UsageError || error instanceof InputError || error instanceof DatabaseOpenError || refused) {
      process.stderr.write(`podium: ${error.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`podium: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
      process.exitCode = 1
    }
  }
)
