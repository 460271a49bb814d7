// The ConvAI2 wild evaluation inside the app: one Bot API server per data dir, started on
// request; the evaluator's side goes through the typed API like everything else.
import { randomBytes } from 'node:crypto'
import { ApiError } from '../../shared/api'
import type { WildBot, WildDialog, WildMessage } from '../../shared/convai2'
import type { EvaluatorDialog, WildStatus } from '../../shared/views'
import { DEMO_BOT_PREFIX, runDemoBot } from '../convai2/demo-bot'
import { PERSONAS } from '../convai2/personas'
import { startWildServer, type WildServer } from '../convai2/wild-server'
import { toWildBot } from '../db/convai2'
import type { Store } from '../db/store'
import { DEFAULT_WILD_LIMITS } from '../convai2/wild-rules'
import type { EventBus } from '../events'
import { createRandom } from '../random'

export class WildService {
  private server: WildServer | undefined
  private starting: Promise<WildServer> | undefined
  private readonly demoBots = new AbortController()
  private readonly random = createRandom(randomBytes(8).toString('hex'))

  constructor(private readonly deps: { store: Store; events: EventBus }) {}

  status(): WildStatus {
    const api = this.server?.api
    return {
      url: this.server?.url ?? null,
      bots: api ? api.listBots() : this.deps.store.convai2.bots().map((b) => toWildBot(b, DEFAULT_WILD_LIMITS.maxInvalidMessages)),
      stats: api ? api.stats() : this.deps.store.convai2.botStats()
    }
  }

  async start(port?: number): Promise<WildStatus> {
    if (!this.server) {
      this.starting ??= startWildServer({ store: this.deps.store, ...(port === undefined ? {} : { port }) })
      this.server = await this.starting
      // Message 0 is "/start" and the bot's profile: it must never reach an evaluator's screen.
      this.server.api.subscribe((event) => {
        if (event.type === 'wild.message' && event.message.messageId === 0) return
        this.deps.events.emit(event)
      })
      // Demo bots answer from inside Podium, over the same HTTP API a team's bot uses.
      for (const bot of this.server.api.listBots().filter((b) => b.token.startsWith(DEMO_BOT_PREFIX))) {
        void runDemoBot(this.server.url, bot.token, this.demoBots.signal)
      }
    }
    return this.status()
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
   * an unblocked bot with the fewest dialogs so far.
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
    candidates.sort((a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0))
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

  async close(): Promise<void> {
    this.demoBots.abort()
    await this.server?.close()
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
