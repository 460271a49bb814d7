// A CLI command as data: its name, usage, options and body are written once, and the frame every
// command needs (parsing, --help, refusing bad command lines in one line) lives here.
import { parseArgs } from 'node:util'
import type { Challenge } from '../../shared/challenge'
import type { Runtime } from '../runtime'
import { pickChallenge, UsageError, withRuntime } from './args'
import { errorText } from '../../shared/error-text'

/** An option taking a value (`--name VALUE`), a flag (`--json`), or a value that may repeat. */
export const text = { type: 'string' } as const
export const flag = { type: 'boolean' } as const
export const texts = { type: 'string', multiple: true } as const
type OptionSpec = typeof text | typeof flag | typeof texts
type OptionSpecs = Record<string, OptionSpec>

type Values<O extends OptionSpecs> = {
  [K in keyof O]?: O[K] extends typeof flag ? boolean : O[K] extends typeof texts ? string[] : string
}

export interface CommandContext<O extends OptionSpecs> {
  values: Values<O>
  /** The action word (`challenge create`), when the command has actions. */
  action: string | undefined
  /** The value of an option the command cannot run without (else a UsageError naming it). */
  required(option: keyof O & string): string
  /** A UsageError in the command's name. */
  fail(message: string): never
  /** Runs the body on the services of --data (or the default data dir), closing them after. */
  withRuntime<T>(body: (runtime: Runtime) => Promise<T>): Promise<T>
  /** The challenge of --challenge (id or slug), or the only one there is. */
  challenge(runtime: Runtime): Challenge
}

export interface CommandSpec<O extends OptionSpecs> {
  name: string
  /** What follows the name on the command line, e.g. `--task T --gold FILE [--json]`. */
  usage: string
  summary: string
  options: O
  /** The words one of which must come first (`create`, `update`); none by default. */
  actions?: readonly string[]
  /** Resolves to the exit code; throws UsageError/InputError for bad input (exit 2). */
  run(context: CommandContext<O>): Promise<number>
}

export interface Command {
  name: string
  usage: string
  summary: string
  /** The command's own help text (`podium NAME --help`, `podium help NAME`). */
  help(): string
  run(argv: string[]): Promise<number>
}

export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const { name } = spec
  const fail = (message: string): never => {
    throw new UsageError(`${name}: ${message}`)
  }
  const help = (): string =>
    [`Usage: podium ${name} ${spec.usage}`, '', spec.summary, ...('data' in spec.options ? ['', dataHelp] : []), ''].join('\n')
  return {
    name,
    usage: `${name} ${spec.usage}`,
    summary: spec.summary,
    help,
    async run(argv) {
      if (argv.includes('--help') || argv.includes('-h')) {
        process.stdout.write(help())
        return 0
      }
      const { values, positionals } = parseCommandLine(argv, spec.options, fail)
      const actions = spec.actions ?? []
      const [action, ...stray] = positionals
      if (actions.length > 0 && (action === undefined || !actions.includes(action))) {
        fail(`expected ${listOr(actions.map((a) => `\`${name} ${a}\``))}${action === undefined ? '' : `, got "${action}"`}`)
      }
      const extra = actions.length > 0 ? stray : positionals
      if (extra.length > 0) fail(`unexpected argument "${extra[0]}"`)
      const data = typeof values.data === 'string' ? values.data : undefined
      return spec.run({
        values: values as Values<O>,
        action: actions.length > 0 ? action : undefined,
        required(option) {
          const value = values[option]
          return typeof value === 'string' && value !== '' ? value : fail(`--${option} is required`)
        },
        fail,
        withRuntime: (body) => withRuntime(data, body),
        challenge: (runtime) => pickChallenge(runtime, name, typeof values.challenge === 'string' ? values.challenge : undefined)
      })
    }
  }
}

/** "a", "a or b", "a, b or c". */
const listOr = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`)

const dataHelp = 'Data folder: --data DIR (default ~/.podium, or $PODIUM_DATA).'

/**
 * node:util parseArgs, strict, with its multi-line messages replaced by one line each: an option
 * missing its value, an option given twice (unless it may repeat), an unknown option.
 */
function parseCommandLine(argv: string[], options: OptionSpecs, fail: (message: string) => never) {
  for (let i = 0; i < argv.length; i++) {
    const option = /^--([^=]+)$/.exec(argv[i]!)?.[1]
    const next = argv[i + 1]
    if (option && options[option]?.type === 'string' && (next === undefined || next.startsWith('--'))) {
      fail(`--${option} needs a value`)
    }
  }
  let parsed: ReturnType<typeof parseArgs<{ options: OptionSpecs; allowPositionals: true; strict: true; tokens: true }>>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    return fail(errorText(error).split('\n')[0]!)
  }
  const seen = new Set<string>()
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || (options[token.name]?.type === 'string' && 'multiple' in options[token.name]!)) continue
    if (seen.has(token.name)) fail(`--${token.name} is given twice`)
    seen.add(token.name)
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }
}
