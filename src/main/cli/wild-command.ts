import { resolve } from 'node:path'
import { startWildServer, type WildServer } from '../convai2/wild-server'
import { openStore } from '../db/store'
import { defaultDataDir } from '../paths'
import { parseCommandArgs, portOption, UsageError } from './args'
import type { Command } from './commands'

/** `--bot NAME=TOKEN`: split at the first "=". */
export function parseBotSpec(spec: string): { name: string; token: string } {
  const eq = spec.indexOf('=')
  const name = eq < 0 ? '' : spec.slice(0, eq).trim()
  const token = eq < 0 ? '' : spec.slice(eq + 1).trim()
  if (!name || !token) throw new UsageError(`wild-serve: --bot expects NAME=TOKEN, got "${spec}"`)
  return { name, token }
}

export const wildCommand: Command = {
  name: 'wild-serve',
  usage: 'wild-serve [--port N] [--data DIR] [--bot NAME=TOKEN ...]',
  summary: 'run the ConvAI2 wild-evaluation Bot API on 127.0.0.1 (bots registered with --bot are kept)',
  async run(argv) {
    const { values, positionals } = parseCommandArgs('wild-serve', argv, {
      port: { type: 'string' },
      data: { type: 'string' },
      bot: { type: 'string', multiple: true }
    })
    if (positionals.length > 0) throw new UsageError(`wild-serve: unexpected argument "${positionals[0]}"`)
    const specs = (values.bot ?? []).map(parseBotSpec)
    const port = portOption('wild-serve', values.port)
    const dataDir = resolve(values.data ?? defaultDataDir())
    const store = openStore(dataDir)
    let started: WildServer | undefined
    try {
      started = await startWildServer({ store, ...(port === undefined ? {} : { port }) })
      for (const spec of specs) {
        try {
          started.api.registerBot(spec)
        } catch (error) {
          throw new UsageError(`wild-serve: --bot ${spec.name}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    } catch (error) {
      await started?.close()
      store.close()
      throw error
    }
    const server = started
    const bots = server.api.listBots()
    const lines = [
      `Podium wild evaluation (ConvAI2 Bot API) on ${dataDir}`,
      `Bot API: ${server.url}bot<token>/getUpdates and /sendMessage`,
      bots.length === 0 ? 'No bots registered: add one with --bot NAME=TOKEN.' : `Bots (${bots.length}):`,
      ...bots.map((b) => `  ${b.name}  token ${b.token.slice(0, 4)}…${b.blocked ? '  (blocked)' : ''}`)
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
    await new Promise<void>((done) => {
      const stop = (): void => {
        void server.close().then(() => {
          store.close()
          done()
        })
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  }
}
