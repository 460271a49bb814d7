// The ConvAI2 wild evaluation inside the app: one Bot API server per data dir, started on
// request; the evaluator's side goes through the typed API like everything else.
import { randomBytes } from 'node:crypto'
import { ApiError } from '../../shared/api'
import type { Challenge } from '../../shared/challenge'
import type { WildBot, WildDialog, WildLimitSettings, WildMessage } from '../../shared/convai2'
import type { EvaluatorDialog, WildStatus } from '../../shared/views'
import { DEMO_BOT_PREFIX, runDemoBot } from '../convai2/demo-bot'
import { PERSONAS } from '../convai2/personas'
import { startWildServer, type WildServer } from '../convai2/wild-server'
import { toWildBot } from '../db/convai2'
import type { Store } from '../db/store'
import { checkWildLimitSettings, DEFAULT_WILD_LIMITS, limitSettings, wildLimitsOf, type WildLimits } from '../convai2/wild-rules'
import type { EventBus } from '../events'
import { createRandom } from '../random'
import { errorText } from '../../shared/error-text'

export class WildService {
  private server: WildServer | undefined
  private challengeId: number | null = null
  private starting: Promise<WildServer> | undefined
  /** Why the last start (or the restart with the console) failed; cleared by a start. */
  private lastError: string | null = null
  private demoBots = new AbortController()
  private readonly random = createRandom(randomBytes(8).toString('hex'))

  constructor(private readonly deps: { store: Store; events: EventBus }) {}

  /** With a challenge: its limits while the server is stopped (the running server's otherwise). */
  status(challengeId?: number | null): WildStatus {
    const api = this.server?.api
    const limits = this.server ? this.server.limits : this.limitsFor(challengeId ?? null)
    return {
      url: this.server?.url ?? null,
      bots: api ? api.listBots() : this.deps.store.convai2.bots().map((b) => toWildBot(b, limits.maxInvalidMessages)),
      stats: api ? api.stats() : this.deps.store.convai2.botStats(),
      limits: limitSettings(limits),
      challengeId: this.server ? this.challengeId : (challengeId ?? null),
      error: this.lastError
    }
  }

  /**
   * Starts the Bot API server with the challenge's limits. A failed start leaves nothing
   * behind (the next attempt starts afresh) and says why in plain words.
   */
  async start(port?: number, challengeId: number | null = null): Promise<WildStatus> {
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new ApiError('BAD_REQUEST', `port: expected a number from 1 to 65535 (or none for any free port), got ${JSON.stringify(port)}`)
    }
    if (challengeId !== null) this.challenge(challengeId)
    if (!this.server) {
      this.starting ??= this.launch(port, challengeId).finally(() => (this.starting = undefined))
      try {
        await this.starting
        this.lastError = null
      } catch (error) {
        this.lastError = errorText(error)
        throw error
      }
    }
    return this.status()
  }

  /** After a restart of the console: the server it was running comes back, on the same port. */
  async resume(): Promise<void> {
    const saved = this.deps.store.convai2.wildServer()
    if (!saved || this.server) return
    try {
      await this.start(saved.port, saved.challenge_id)
    } catch (error) {
      this.lastError = `The Bot API server was running before the restart but could not start again: ${errorText(error)}`
      console.error(`[podium] ${this.lastError}`)
    }
  }

  /** Stops the server on purpose: it does not come back with the next restart. */
  async stop(): Promise<WildStatus> {
    this.deps.store.convai2.clearWildServer()
    await this.shutdown()
    this.lastError = null
    return this.status()
  }

  private async launch(port: number | undefined, challengeId: number | null): Promise<WildServer> {
    let server: WildServer
    try {
      server = await startWildServer({
        store: this.deps.store,
        limits: this.limitsFor(challengeId),
        ...(port === undefined ? {} : { port })
      })
    } catch (error) {
      throw startError(error, port)
    }
    this.server = server
    this.challengeId = challengeId
    this.deps.store.convai2.setWildServer({ port: server.port, challengeId, at: new Date().toISOString() })
    // Message 0 is "/start" and the bot's profile: it must never reach an evaluator's screen.
    server.api.subscribe((event) => {
      if (event.type === 'wild.message' && event.message.messageId === 0) return
      this.deps.events.emit(event)
    })
    // Demo bots answer from inside Podium, over the same HTTP API a team's bot uses.
    for (const bot of server.api.listBots().filter((b) => b.token.startsWith(DEMO_BOT_PREFIX))) {
      void runDemoBot(server.url, bot.token, this.demoBots.signal)
    }
    return server
  }

  /** Clears a bot's invalid messages (lifts the block), running or not; the team keeps its bot. */
  unblock(botId: number): WildBot {
    const row = this.deps.store.convai2.botById(botId)
    if (!row) throw new ApiError('NOT_FOUND', `bot ${botId} does not exist`)
    const bot = this.server ? this.server.api.unblockBot(row.token) : this.unblockStored(row.id)
    const team = row.team_id === null ? undefined : this.deps.store.teams.get(row.team_id)
    this.deps.store.audit.record({
      challengeId: team?.challengeId ?? null,
      teamId: team?.id ?? null,
      action: 'wild.unblocked',
      detail: `bot "${row.name}" unblocked after ${row.invalid_count} invalid messages`
    })
    return bot
  }

  private unblockStored(botId: number): WildBot {
    this.deps.store.convai2.resetInvalid(botId)
    return toWildBot(this.deps.store.convai2.botById(botId)!, this.limitsFor(null).maxInvalidMessages)
  }

  /**
   * Sets (null: resets) the challenge's wild limits in its configuration; a server running
   * for that challenge applies them at once.
   */
  setLimits(challengeId: number, input: unknown): WildLimitSettings {
    const challenge = this.challenge(challengeId)
    const checked = checkWildLimitSettings(input)
    if (!checked.ok) throw new ApiError('BAD_REQUEST', checked.error)
    const next: Partial<WildLimitSettings> = { ...challenge.config.wildLimits }
    for (const [key, value] of Object.entries(checked.value) as Array<[keyof WildLimitSettings, number | null]>) {
      if (value === null || value === DEFAULT_WILD_LIMITS[key]) delete next[key]
      else next[key] = value
    }
    const config = { ...challenge.config }
    if (Object.keys(next).length === 0) delete config.wildLimits
    else config.wildLimits = next
    const before = limitSettings(this.limitsFor(challengeId))
    const after = limitSettings(wildLimitsOf(next))
    const changes = (Object.keys(after) as Array<keyof WildLimitSettings>)
      .filter((k) => before[k] !== after[k])
      .map((k) => `${k}: ${before[k]} → ${after[k]}`)
    this.deps.store.db.transaction(() => {
      this.deps.store.challenges.update(challenge.id, {
        name: challenge.name,
        deadline: challenge.deadline,
        entryTag: challenge.entryTag,
        config
      })
      this.deps.store.audit.record({ challengeId: challenge.id, action: 'wild.limits', detail: changes.join('; ') || 'no change' })
    })()
    if (this.server && this.challengeId === challenge.id) {
      Object.assign(this.server.limits, after)
      this.server.api.sweep() // a lower limit may close dialogs or block bots now
    }
    return after
  }

  private limitsFor(challengeId: number | null): WildLimits {
    const challenge = challengeId === null ? undefined : this.deps.store.challenges.get(challengeId)
    return wildLimitsOf(challenge?.config.wildLimits)
  }

  private challenge(challengeId: number): Challenge {
    const challenge = this.deps.store.challenges.get(challengeId)
    if (!challenge) throw new ApiError('NOT_FOUND', `challenge ${challengeId} does not exist`)
    if (challenge.kind !== 'convai2') throw new ApiError('BAD_REQUEST', `challenge ${challenge.slug} is not a ConvAI2 challenge`)
    return challenge
  }

  registerBot(name: string, teamId: number | null): WildBot {
    const token = randomBytes(18).toString('base64url')
    return this.running().api.registerBot({ name, token, teamId })
  }

  /** Stored dialogs, also while the server is stopped (organizer review). */
  dialogs(botId?: number): WildDialog[] {
    return this.deps.store.convai2.dialogs(botId)
  }

  /**
   * A chat with the bot playing a random profile, and a decoy for the role-play question.
   * Without `botId` the server picks, so the evaluator's screen never sees the bot list:
   * an unblocked bot, connected ones first, with the fewest dialogs so far.
   */
  startDialog(botId?: number): EvaluatorDialog {
    const api = this.running().api
    const bot = botId === undefined ? this.leastEvaluatedBot() : this.bot(botId)
    const [profile, decoy] = this.random.shuffle(PERSONAS).slice(0, 2)
    const chatId = api.startDialog(bot.token, profile!, decoy!)
    return this.evaluatorView(chatId)
  }

  private leastEvaluatedBot(): WildBot {
    const api = this.running().api
    const counts = new Map(api.stats().map((s) => [s.botId, s.dialogs]))
    const candidates = this.random.shuffle(api.listBots().filter((b) => !b.blocked))
    // Bots that have called getUpdates first: a bot that never connected cannot answer.
    const connected = (b: WildBot): number => (b.lastPollAt === null ? 1 : 0)
    candidates.sort((a, b) => connected(a) - connected(b) || (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0))
    const bot = candidates[0]
    if (!bot) throw new ApiError('CONFLICT', 'no bot is registered (or every bot is blocked)')
    return bot
  }

  send(chatId: number, text: string): WildMessage {
    return this.running().api.sendHumanMessage(chatId, text)
  }

  evaluatorView(chatId: number): EvaluatorDialog {
    const api = this.running().api
    const dialog = api.getDialog(chatId)
    return {
      chatId,
      status: dialog.status,
      closeReason: dialog.closeReason,
      profileChoices: dialog.profileChoices,
      rated: dialog.rating !== null,
      // The evaluator never sees the /start message: it names the bot's profile.
      messages: api.listMessages(chatId).filter((m) => m.messageId !== 0)
    }
  }

  end(chatId: number, quality: number, roleplay: 0 | 1 | null): WildDialog {
    return this.running().api.endDialog(chatId, { quality, ...(roleplay === null ? {} : { roleplay }) })
  }

  /** The console is closing: the server stops but comes back with the next start. */
  async close(): Promise<void> {
    await this.shutdown()
  }

  private async shutdown(): Promise<void> {
    // A start under way (e.g. the restart with the console) finishes first, then stops.
    await this.starting?.catch(() => undefined)
    this.demoBots.abort()
    this.demoBots = new AbortController()
    const server = this.server
    this.server = undefined
    await server?.close()
  }

  private running(): WildServer {
    if (!this.server) throw new ApiError('CONFLICT', 'the wild-evaluation server is not running: start it first')
    return this.server
  }

  private bot(botId: number): WildBot {
    const bot = this.running()
      .api.listBots()
      .find((b) => b.id === botId)
    if (!bot) throw new ApiError('NOT_FOUND', `bot ${botId} does not exist`)
    return bot
  }
}

/** A failed listen in words an organizer can act on, never a raw Node error. */
function startError(error: unknown, port: number | undefined): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const where = port ? `port ${port}` : 'a free port'
  if (code === 'EADDRINUSE') {
    return new ApiError(
      'CONFLICT',
      `port ${port} is in use (by another program or another Podium): choose another port, or leave it empty for any free port`
    )
  }
  if (code === 'EACCES') return new ApiError('CONFLICT', `port ${port} needs administrator rights: choose a port above 1023`)
  if (code === 'EADDRNOTAVAIL') return new ApiError('CONFLICT', 'the address 127.0.0.1 is not available on this machine')
  return new ApiError('INTERNAL', `the Bot API server could not start on ${where}${code ? ` (${code})` : ''}`)
}
