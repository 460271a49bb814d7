import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { defaultDataDir } from '../paths'
import type { Runtime } from '../runtime'

/** Bad command-line usage: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError'
}

type Options = NonNullable<ParseArgsConfig['options']>

/** node:util parseArgs, with its errors turned into UsageErrors that name the command. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${command}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export function requireOption(command: string, values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command}: --${name} is required`)
  return value
}

export function portOption(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${command}: --port must be an integer from 0 to 65535, got "${value}"`)
  }
  return port
}

/** Runs a command body on the services of `--data DIR` (default data dir), closing them after. */
export async function withRuntime<T>(data: string | undefined, body: (runtime: Runtime) => Promise<T>): Promise<T> {
  // Loaded on use: `podium score` (out/main/score.js) shares this module and never opens the database.
  const { startRuntime } = await import('../runtime')
  const runtime = startRuntime({ dataDir: resolve(data ?? defaultDataDir()), transport: 'http' })
  try {
    return await body(runtime)
  } finally {
    await runtime.close()
  }
}
