// How a `podium` process ends, for the full CLI and for `podium score`'s own entry alike:
// bad input is the user's to fix (one line, exit 2); anything else is our bug (exit 1).
import { InputError } from '../scoring/input-error'
import { UsageError } from './args'

export function runCliProcess(main: () => Promise<number>, isRefusal: (error: unknown) => boolean = () => false): void {
  // `podium … | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof InputError || isRefusal(error)) {
        process.stderr.write(`podium: ${(error as Error).message}\n`)
        process.exitCode = 2
      } else {
        process.stderr.write(`podium: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
        process.exitCode = 1
      }
    }
  )
}
