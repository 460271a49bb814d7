import { resolve } from 'node:path'
import type { Challenge } from '../../shared/challenge'
import { defaultDataDir } from '../paths'
import type { Runtime } from '../runtime'

/** Bad command-line usage: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The challenge named by --challenge (id or slug), or the only one there is. */
export function pickChallenge(runtime: Runtime, command: string, given: string | undefined): Challenge {
  const all = runtime.store.challenges.list()
  const found = given === undefined ? (all.length === 1 ? all[0] : undefined) : all.find((c) => String(c.id) === given || c.slug === given)
  if (!found) {
    const known = all.map((c) => `${c.id} (${c.slug})`).join(', ') || 'none; run `podium demo`'
    throw new UsageError(`${command}: ${given === undefined ? 'give --challenge' : `no challenge "${given}"`}; challenges: ${known}`)
  }
  return runtime.store.challenges.get(found.id)!
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
