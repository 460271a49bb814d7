// `podium score …` without the rest of the CLI: bin/podium.js runs this entry for `score` so a
// one-off scoring run loads only the scorers (no database, server, git or UI code). Output,
// exit codes and error lines are those of `out/main/cli.js score …`.
import { UsageError } from './cli/args'
import { scoreCommand } from './cli/score-command'
import { InputError } from './scoring/input-error'

// `podium score … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const [name, ...rest] = process.argv.slice(2)
if (name !== scoreCommand.name) throw new Error(`score-cli runs only \`podium score\`, got ${JSON.stringify(name)}`)

scoreCommand.run(rest).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Bad input is the user's to fix: one line, exit 2. Anything else is our bug: exit 1.
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`podium: ${error.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`podium: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
      process.exitCode = 1
    }
  }
)
