// `podium wild-serve`, `wild-limits` and `wild-unblock`: the ConvAI2 wild evaluation's Bot API
// from the command line, its limits per challenge, and lifting a bot's block.
import { resolve } from 'node:path'
import { WILD_LIMIT_RANGES, type WildLimitSettings } from '../../shared/convai2'
import { limitSettings, wildLimitsOf } from '../convai2/wild-rules'
import { startWildServer, type WildServer } from '../convai2/wild-server'
import { openStore, type Store } from '../db/store'
import { defaultDataDir } from '../paths'
import { portOption, UsageError } from './args'
import { defineCommand, flag, text, texts } from './define-command'
import { errorText } from '../../shared/error-text'

/** `--bot NAME=TOKEN`: split at the first "=". */
export function parseBotSpec(spec: string): { name: string; token: string } {
  const eq = spec.indexOf('=')
  const name = eq < 0 ? '' : spec.slice(0, eq).trim()
  const token = eq < 0 ? '' : spec.slice(eq + 1).trim()
  if (!name || !token) throw new UsageError(`wild-serve: --bot expects NAME=TOKEN, got "${spec}"`)
  return { name, token }
}

export const wildCommand = defineCommand({
  name: 'wild-serve',
  usage: '[--port N] [--data DIR] [--challenge ID|SLUG] [--bot NAME=TOKEN ...]',
  summary: "run the ConvAI2 wild-evaluation Bot API on 127.0.0.1 (with the challenge's limits; bots registered with --bot are kept)",
  options: { port: text, data: text, challenge: text, bot: texts },
  async run({ values }) {
    const specs = (values.bot ?? []).map(parseBotSpec)
    const port = portOption('wild-serve', values.port)
    const dataDir = resolve(values.data ?? defaultDataDir())
    const store = openStore(dataDir)
    let started: WildServer | undefined
    try {
      const limits = wildLimitsOf(values.challenge === undefined ? undefined : challengeOf(store, values.challenge).config.wildLimits)
      started = await startWildServer({ store, limits, ...(port === undefined ? {} : { port }) }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE')
          throw new UsageError(`wild-serve: port ${port} on 127.0.0.1 is already in use; pick another with --port`)
        if (error.code === 'EACCES') throw new UsageError(`wild-serve: port ${port} needs administrator rights; pick one above 1023`)
        throw error
      })
      for (const spec of specs) {
        try {
          started.api.registerBot(spec)
        } catch (error) {
          throw new UsageError(`wild-serve: --bot ${spec.name}: ${errorText(error)}`)
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
      `Limits: ${limitsLine(server.limits)}`,
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
})

/** A ConvAI2 challenge by id or slug, straight from the store (wild-serve keeps its own store). */
function challengeOf(store: Store, given: string) {
  const all = store.challenges.list()
  const found = all.find((c) => String(c.id) === given || c.slug === given)
  if (!found)
    throw new UsageError(`wild-serve: no challenge "${given}"; challenges: ${all.map((c) => `${c.id} (${c.slug})`).join(', ') || 'none'}`)
  if (found.kind !== 'convai2') throw new UsageError(`wild-serve: challenge ${found.slug} is not a ConvAI2 challenge`)
  return store.challenges.get(found.id)!
}

const limitsLine = (l: WildLimitSettings): string =>
  `inactivity ${l.inactivitySeconds} s, ${l.maxUtterances} messages per dialog, blocked after ${l.maxInvalidMessages} invalid messages, getUpdates wait at most ${l.maxPollSeconds} s`

const LIMIT_OPTIONS: Record<string, keyof WildLimitSettings> = {
  inactivity: 'inactivitySeconds',
  'max-utterances': 'maxUtterances',
  'max-invalid': 'maxInvalidMessages',
  'max-poll': 'maxPollSeconds'
}

export const wildLimitsCommand = defineCommand({
  name: 'wild-limits',
  usage: '--challenge ID|SLUG [--inactivity S] [--max-utterances N] [--max-invalid N] [--max-poll S] [--reset] [--data DIR] [--json]',
  summary:
    'show or set a ConvAI2 challenge\'s wild-evaluation limits ("default" puts one back; --reset all); a running server applies them at once',
  options: {
    challenge: text,
    inactivity: text,
    'max-utterances': text,
    'max-invalid': text,
    'max-poll': text,
    reset: flag,
    data: text,
    json: flag
  },
  async run({ values, required, fail, withRuntime, challenge: pick }) {
    required('challenge')
    const changes: Partial<Record<keyof WildLimitSettings, number | null>> = {}
    if (values.reset) for (const key of Object.values(LIMIT_OPTIONS)) changes[key] = null
    for (const [option, key] of Object.entries(LIMIT_OPTIONS)) {
      const raw = (values as Record<string, unknown>)[option]
      if (typeof raw !== 'string') continue
      if (raw === 'default') changes[key] = null
      else if (/^\d+$/.test(raw)) changes[key] = Number(raw)
      else {
        const { min, max } = WILD_LIMIT_RANGES[key]
        fail(`--${option} expects an integer from ${min} to ${max} (or "default"), got "${raw}"`)
      }
    }
    return withRuntime(async (runtime) => {
      const challenge = pick(runtime)
      let limits: WildLimitSettings
      try {
        limits =
          Object.keys(changes).length === 0
            ? limitSettings(wildLimitsOf(challenge.config.wildLimits))
            : await runtime.handlers['wild.setLimits']({ challengeId: challenge.id, limits: changes })
      } catch (error) {
        return fail(errorText(error))
      }
      process.stdout.write(values.json ? `${JSON.stringify(limits)}\n` : `${challenge.slug}: ${limitsLine(limits)}\n`)
      return 0
    })
  }
})

export const wildUnblockCommand = defineCommand({
  name: 'wild-unblock',
  usage: '--bot NAME|ID [--data DIR]',
  summary: 'lift the block of a wild-evaluation bot (clears its invalid messages; same bot, same token); works while serve runs',
  options: { bot: text, data: text },
  async run({ required, fail, withRuntime }) {
    const given = required('bot')
    return withRuntime(async (runtime) => {
      const bots = runtime.store.convai2.bots()
      const byId = bots.filter((b) => String(b.id) === given)
      const matches = byId.length > 0 ? byId : bots.filter((b) => b.name === given)
      const known = bots.map((b) => `${b.id} (${b.name})`).join(', ') || 'none'
      if (matches.length === 0) fail(`no bot "${given}"; bots: ${known}`)
      if (matches.length > 1) fail(`${matches.length} bots are named "${given}": give the id (${known})`)
      const before = matches[0]!
      const bot = await runtime.handlers['wild.unblockBot']({ botId: before.id })
      process.stdout.write(`Unblocked bot ${bot.id} (${bot.name}): ${before.invalid_count} invalid messages cleared\n`)
      return 0
    })
  }
})
