// The wild evaluation's state: registered bots, open dialogs, each bot's queue of updates and
// its long-polling waiters. The database (db/convai2.ts) is the record; this class keeps what
// the rules need in memory and writes through. The HTTP side is wild-server.ts; the human
// (evaluator) side is the methods below, used in-process by Podium's services.
//
// Decisions (documented for bot authors in docs/convai2-bot-api.md):
// - Updates are consumed when returned: getUpdates hands each update out once (the seed
//   honours only `limit` and `timeout`, so there is no `offset` acknowledgement). A poll whose
//   client disconnects before an update arrives takes nothing. update_id increases across
//   bots and restarts.
// - Inactivity is measured from the last message of either side, on the injected clock;
//   `sweep()` (run periodically by the server) and every access to a dialog close it.
// - Utterances count both sides and the /start message; the message that reaches the limit
//   is accepted, then the dialog closes.
// - A malformed request (no chat of this bot, no text, a closed dialog) is refused without
//   counting; a refused message (empty, too long, bad msg_evaluation, profile copy) counts
//   towards the bot's invalid-message limit. At the limit the bot is blocked (403 for
//   sendMessage and getUpdates) until the organizer unblocks it, and its open dialogs end
//   ('invalid-limit') so no evaluator waits for an answer that cannot come.
// - msg_evaluation is read inside the JSON text (as the router did) or top-level; it never
//   scores /start (message 0) or nothing (before the evaluator wrote).
// - A dialog closed by inactivity, the utterance limit or a block can still be rated.

import { randomInt } from 'node:crypto'
import { ApiError } from '../../shared/api'
import type { WildBot, WildBotStats, WildCloseReason, WildDialog, WildEvent, WildMessage } from '../../shared/convai2'
import { toWildBot, type Convai2Table } from '../db/convai2'
import {
  checkProfile,
  copiedNgram,
  isInactive,
  parseChatId,
  parseMsgEvaluation,
  profileNgrams,
  PROFILE_COPY_DESCRIPTION,
  startText,
  unwrapMessage,
  type WildLimits
} from './wild-rules'

export interface WildClock {
  /** Milliseconds since the epoch. */
  now(): number
}

export const systemClock: WildClock = { now: () => Date.now() }

/** The bot as the HTTP layer sees it after authentication. */
export interface AuthedBot {
  id: number
  name: string
}

export interface TelegramUser {
  id: number
  is_bot: boolean
  first_name: string
}

export interface TelegramMessage {
  message_id: number
  from: TelegramUser
  chat: { id: number; first_name: string; type: 'private' }
  date: number
  text: string
}

export interface TelegramUpdate {
  update_id: number
  message: TelegramMessage
}

/** What a Bot API method answers: Telegram's envelope and the HTTP status. */
export type BotReply =
  { status: 200; body: { ok: true; result: unknown } } | { status: number; body: { ok: false; error_code: number; description: string } }

export interface HumanRating {
  /** Overall quality, integer 1–5. */
  quality: number
  /** Index (0/1) into the dialog's `profileChoices` the evaluator picked; omit when not asked. */
  roleplay?: 0 | 1 | null
}

interface LiveDialog {
  dialogId: number
  chatId: number
  botId: number
  profileSet: Set<string>
  nextMessageId: number
  utterances: number
  lastActivity: number
  lastHumanMessageId: number
  humanIds: Set<number>
}

interface QueuedUpdate {
  updateId: number
  dialogId: number
  chatId: number
  messageId: number
  text: string
  date: number
}

interface Waiter {
  limit: number
  resolve(updates: TelegramUpdate[]): void
}

const EVALUATOR_NAME = 'Evaluator'
const POLL_WRITE_INTERVAL_MS = 5000

export class WildDialogs {
  private readonly live = new Map<number, LiveDialog>()
  private readonly queues = new Map<number, QueuedUpdate[]>()
  private readonly waiters = new Map<number, Waiter[]>()
  private readonly listeners = new Set<(event: WildEvent) => void>()
  private readonly lastPollWrite = new Map<number, number>()
  private nextUpdateId: number

  constructor(
    private readonly table: Convai2Table,
    private readonly clock: WildClock,
    readonly limits: WildLimits
  ) {
    this.nextUpdateId = table.maxUpdateId() + 1
    this.resume()
  }

  // ------------------------------------------------------------ bots

  registerBot(bot: { name: string; token: string; teamId?: number | null }): WildBot {
    const name = bot.name.trim()
    if (name === '') throw new ApiError('BAD_REQUEST', 'bot name is empty')
    if (!/^[A-Za-z0-9:_-]{8,200}$/.test(bot.token)) {
      throw new ApiError('BAD_REQUEST', 'bot token: 8 to 200 characters among letters, digits, ":", "_" and "-"')
    }
    return toWildBot(this.table.upsertBot({ token: bot.token, name, teamId: bot.teamId ?? null }), this.limits.maxInvalidMessages)
  }

  bots(): WildBot[] {
    return this.table.bots().map((b) => toWildBot(b, this.limits.maxInvalidMessages))
  }

  /** Clears a bot's invalid-message count (lifts the block). */
  unblockBot(token: string): WildBot {
    const bot = this.botOrThrow(token)
    this.table.resetInvalid(bot.id)
    return toWildBot(this.table.botById(bot.id)!, this.limits.maxInvalidMessages)
  }

  /** The bot with this token, or undefined (HTTP 401). */
  authenticate(token: string): AuthedBot | undefined {
    const row = this.table.botByToken(token)
    return row && { id: row.id, name: row.name }
  }

  isBlocked(bot: AuthedBot): boolean {
    return (this.table.botById(bot.id)?.invalid_count ?? 0) >= this.limits.maxInvalidMessages
  }

  stats(): WildBotStats[] {
    return this.table.botStats()
  }

  // ------------------------------------------------------------ human side

  /** Opens a private chat with the bot and sends it "/start" + the profile; returns the chat id. */
  startDialog(botToken: string, profile: readonly string[], opponentProfile?: readonly string[] | null): number {
    const bot = this.botOrThrow(botToken)
    if (this.isBlocked(bot))
      throw new ApiError('CONFLICT', `bot "${bot.name}" is blocked after ${this.limits.maxInvalidMessages} invalid messages`)
    const mine = checkProfile(profile)
    if (!mine.ok) throw new ApiError('BAD_REQUEST', mine.error)
    let opponent: string[] | null = null
    if (opponentProfile !== undefined && opponentProfile !== null) {
      const other = checkProfile(opponentProfile, 'opponentProfile')
      if (!other.ok) throw new ApiError('BAD_REQUEST', other.error)
      opponent = other.lines
    }
    let chatId = randomInt(100_000_000, 1_000_000_000)
    while (this.table.chatIdTaken(chatId)) chatId = randomInt(100_000_000, 1_000_000_000)
    const now = this.clock.now()
    const text = startText(mine.lines)
    const updateId = this.nextUpdateId++
    const dialogId = this.table.createDialog({
      chatId,
      botId: bot.id,
      profile: mine.lines,
      opponentProfile: opponent,
      botChoice: opponent === null ? null : (randomInt(0, 2) as 0 | 1),
      at: iso(now),
      startText: text,
      updateId
    })
    const live: LiveDialog = {
      dialogId,
      chatId,
      botId: bot.id,
      profileSet: profileNgrams(mine.lines, this.limits.profileNgram),
      nextMessageId: 1,
      utterances: 1,
      lastActivity: now,
      lastHumanMessageId: 0,
      humanIds: new Set()
    }
    this.live.set(chatId, live)
    this.emitMessage(chatId, 0, 'human', text, now)
    this.enqueue(live.botId, { updateId, dialogId, chatId, messageId: 0, text, date: unixSeconds(now) })
    this.closeIfFull(live)
    return chatId
  }

  sendHumanMessage(chatId: number, text: string): WildMessage {
    const live = this.openDialogOrThrow(chatId)
    if (typeof text !== 'string' || text.trim() === '') throw new ApiError('BAD_REQUEST', 'message text is empty')
    if (text.length > this.limits.maxTextLength) {
      throw new ApiError('BAD_REQUEST', `message is longer than ${this.limits.maxTextLength} characters`)
    }
    const now = this.clock.now()
    const messageId = live.nextMessageId++
    const updateId = this.nextUpdateId++
    this.table.addHumanMessage({ dialogId: live.dialogId, messageId, text, at: iso(now), updateId })
    live.utterances++
    live.lastActivity = now
    live.lastHumanMessageId = messageId
    live.humanIds.add(messageId)
    const message = this.emitMessage(chatId, messageId, 'human', text, now)
    this.enqueue(live.botId, { updateId, dialogId: live.dialogId, chatId, messageId, text, date: unixSeconds(now) })
    this.closeIfFull(live)
    return message
  }

  listMessages(chatId: number): WildMessage[] {
    const row = this.dialogRowOrThrow(chatId)
    this.expireIfInactive(chatId)
    return this.table.messages(row.id)
  }

  getDialog(chatId: number): WildDialog {
    this.dialogRowOrThrow(chatId)
    this.expireIfInactive(chatId)
    return this.table.dialog(chatId)!
  }

  listDialogs(botToken?: string): WildDialog[] {
    this.sweep()
    return this.table.dialogs(botToken === undefined ? undefined : this.botOrThrow(botToken).id)
  }

  /** Closes the dialog (if open) and records the evaluator's rating; once per dialog. */
  endDialog(chatId: number, rating: HumanRating): WildDialog {
    const row = this.dialogRowOrThrow(chatId)
    this.expireIfInactive(chatId)
    if (row.quality !== null) throw new ApiError('CONFLICT', `dialog ${chatId} is already rated`)
    const quality = rating?.quality
    if (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 1 || quality > 5) {
      throw new ApiError('BAD_REQUEST', `quality must be an integer from 1 to 5, got ${JSON.stringify(quality)}`)
    }
    const roleplay = rating.roleplay ?? null
    if (row.bot_choice === null && roleplay !== null) {
      throw new ApiError('BAD_REQUEST', 'this dialog has no role-play question (it was started without an opponent profile)')
    }
    if (row.bot_choice !== null && roleplay !== 0 && roleplay !== 1) {
      throw new ApiError('BAD_REQUEST', 'roleplay must be 0 or 1: the index in profileChoices the evaluator picked')
    }
    const wasOpen = this.live.has(chatId)
    this.table.rate({
      dialogId: row.id,
      quality,
      choice: roleplay,
      correct: roleplay === null ? null : roleplay === row.bot_choice,
      at: iso(this.clock.now())
    })
    if (wasOpen) this.forget(chatId, 'ended')
    return this.table.dialog(chatId)!
  }

  /**
   * Closes every dialog inactive for the limit, and those of bots blocked meanwhile (a lower
   * invalid-message limit); returns their chat ids.
   */
  sweep(): number[] {
    const closed: number[] = []
    const blocked = new Map<number, boolean>()
    for (const live of [...this.live.values()]) {
      if (!blocked.has(live.botId)) blocked.set(live.botId, this.isBlocked({ id: live.botId, name: '' }))
      if (blocked.get(live.botId)) {
        this.close(live, 'invalid-limit')
        closed.push(live.chatId)
      } else if (this.expireIfInactive(live.chatId)) closed.push(live.chatId)
    }
    return closed
  }

  subscribe(listener: (event: WildEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // ------------------------------------------------------------ bot side

  /**
   * A getUpdates call: the bot is connected. Written at most every few seconds per bot (a
   * bot may poll in a tight loop with timeout 0).
   */
  notePoll(bot: AuthedBot): void {
    const now = this.clock.now()
    if (now - (this.lastPollWrite.get(bot.id) ?? -Infinity) < POLL_WRITE_INTERVAL_MS) return
    this.lastPollWrite.set(bot.id, now)
    this.table.touchPoll(bot.id, iso(now))
  }

  /** Up to `limit` pending updates of the bot, consumed (marked delivered). */
  takeUpdates(bot: AuthedBot, limit: number): TelegramUpdate[] {
    this.sweep()
    const queue = this.queues.get(bot.id) ?? []
    const taken: QueuedUpdate[] = []
    while (queue.length > 0 && taken.length < limit) {
      const u = queue.shift()!
      if (this.live.has(u.chatId)) taken.push(u)
    }
    if (taken.length === 0) return []
    this.table.markDelivered(taken, iso(this.clock.now()))
    return taken.map((u) => ({ update_id: u.updateId, message: humanMessage(u.chatId, u.messageId, u.text, u.date) }))
  }

  /**
   * Long polling: pending updates at once, else the first ones to arrive within `timeoutMs`
   * (real time), else []. `cancel()` withdraws the poll without consuming anything.
   */
  waitForUpdates(bot: AuthedBot, limit: number, timeoutMs: number): { promise: Promise<TelegramUpdate[]>; cancel(): void } {
    const now = this.takeUpdates(bot, limit)
    if (now.length > 0 || timeoutMs <= 0) return { promise: Promise.resolve(now), cancel: () => {} }
    let settle!: (updates: TelegramUpdate[]) => void
    const promise = new Promise<TelegramUpdate[]>((resolve) => (settle = resolve))
    const list = this.waiters.get(bot.id) ?? []
    this.waiters.set(bot.id, list)
    const remove = (): void => {
      const i = list.indexOf(waiter)
      if (i >= 0) list.splice(i, 1)
      clearTimeout(timer)
    }
    const waiter: Waiter = {
      limit,
      resolve: (updates) => {
        remove()
        settle(updates)
      }
    }
    const timer = setTimeout(() => waiter.resolve([]), timeoutMs)
    list.push(waiter)
    return { promise, cancel: () => waiter.resolve([]) }
  }

  /** Answers every pending long poll with no updates (server shutdown). */
  releaseWaiters(): void {
    for (const list of this.waiters.values()) for (const w of [...list]) w.resolve([])
  }

  /**
   * sendMessage with the request's parameters (JSON body, form or query). A request that does
   * not name a chat of this bot with a text (chat_id or text missing or of the wrong type, an
   * unknown chat, a closed dialog) is malformed: 400, not counted. A message refused for what
   * it says (empty, too long, bad msg_evaluation, profile copy) counts towards the
   * invalid-message limit.
   */
  botSendMessage(bot: AuthedBot, params: Record<string, unknown>): BotReply {
    const blocked = this.blockedReply(bot)
    if (blocked) return blocked
    const chatId = parseChatId(params.chat_id)
    if (chatId === null) {
      return fail(400, params.chat_id === undefined ? 'Bad Request: chat_id is empty' : 'Bad Request: chat_id must be an integer')
    }
    if (typeof params.text !== 'string') {
      return fail(
        400,
        params.text === undefined || params.text === null ? 'Bad Request: text is missing' : 'Bad Request: text must be a string'
      )
    }

    this.expireIfInactive(chatId)
    const live = this.live.get(chatId)
    if (!live || live.botId !== bot.id) {
      const row = this.table.dialogRow(chatId)
      if (row && row.bot_id === bot.id) return fail(400, `Bad Request: dialog is closed (${row.close_reason})`)
      return fail(400, 'Bad Request: chat not found')
    }

    const message = unwrapMessage(params.text)
    const text = message.text
    if (text.trim() === '') return this.refuse(bot, 'Bad Request: message text is empty')
    if (text.length > this.limits.maxTextLength) return this.refuse(bot, 'Bad Request: message is too long')
    // Inside the JSON text (where the router read it) or top-level; the inner one wins.
    const rawEvaluation = message.msgEvaluation ?? params.msg_evaluation ?? null
    let target: { target: number; score: 0 | 1 } | null = null
    if (rawEvaluation !== null) {
      const evaluation = parseMsgEvaluation(rawEvaluation)
      if (!evaluation.ok) return this.refuse(bot, `Bad Request: ${evaluation.error}`)
      const v = evaluation.value
      if (v.kind === 'last') {
        if (live.lastHumanMessageId === 0) {
          return this.refuse(bot, 'Bad Request: msg_evaluation: your counterpart has not written anything yet (message 0 is /start)')
        }
        target = { target: live.lastHumanMessageId, score: v.score }
      } else if (v.messageId === 0) {
        return this.refuse(bot, 'Bad Request: msg_evaluation.message_id 0 is the /start message, not a message of your counterpart')
      } else if (live.humanIds.has(v.messageId)) target = { target: v.messageId, score: v.score }
      else {
        return this.refuse(bot, `Bad Request: msg_evaluation.message_id ${v.messageId} is not a message of your counterpart in this chat`)
      }
    }
    if (copiedNgram(text, live.profileSet, this.limits.profileNgram) !== null) return this.refuse(bot, PROFILE_COPY_DESCRIPTION)

    const now = this.clock.now()
    const messageId = live.nextMessageId++
    this.table.addBotMessage({
      dialogId: live.dialogId,
      messageId,
      text,
      at: iso(now),
      msgEvaluation: rawEvaluation ?? undefined,
      evaluation: target
    })
    live.utterances++
    live.lastActivity = now
    this.emitMessage(chatId, messageId, 'bot', text, now)
    this.closeIfFull(live)
    const result: TelegramMessage = {
      message_id: messageId,
      from: { id: bot.id, is_bot: true, first_name: bot.name },
      chat: { id: chatId, first_name: EVALUATOR_NAME, type: 'private' },
      date: unixSeconds(now),
      text
    }
    return { status: 200, body: { ok: true, result } }
  }

  /** The 403 a blocked bot gets from every method, or null. Its dialogs still open are ended. */
  blockedReply(bot: AuthedBot): BotReply | null {
    if (!this.isBlocked(bot)) return null
    this.endDialogsOfBlocked(bot.id)
    return fail(403, `Forbidden: bot is blocked after ${this.limits.maxInvalidMessages} invalid messages`)
  }

  // ------------------------------------------------------------ internals

  /**
   * A refused message: 400, and one more towards the bot's invalid-message limit. The message
   * that reaches the limit blocks the bot and ends its open dialogs ('invalid-limit'): it can
   * no longer answer, so the evaluators are told instead of waiting.
   */
  private refuse(bot: AuthedBot, description: string): BotReply {
    const count = this.table.incrementInvalid(bot.id)
    if (count >= this.limits.maxInvalidMessages) this.endDialogsOfBlocked(bot.id)
    return fail(400, description)
  }

  /** Closes every open dialog of a blocked bot with the reason 'invalid-limit'. */
  private endDialogsOfBlocked(botId: number): void {
    for (const live of [...this.live.values()]) if (live.botId === botId) this.close(live, 'invalid-limit')
  }

  private botOrThrow(token: string) {
    const row = typeof token === 'string' ? this.table.botByToken(token) : undefined
    if (!row) throw new ApiError('NOT_FOUND', 'no bot with this token')
    return row
  }

  private dialogRowOrThrow(chatId: number) {
    const row = typeof chatId === 'number' ? this.table.dialogRow(chatId) : undefined
    if (!row) throw new ApiError('NOT_FOUND', `no dialog with chat id ${chatId}`)
    return row
  }

  private openDialogOrThrow(chatId: number): LiveDialog {
    const row = this.dialogRowOrThrow(chatId)
    this.expireIfInactive(chatId)
    const live = this.live.get(chatId)
    if (!live) {
      const reason = this.table.dialogRow(chatId)?.close_reason ?? row.close_reason
      throw new ApiError('CONFLICT', `dialog ${chatId} is closed (${reason})`)
    }
    return live
  }

  private expireIfInactive(chatId: number): boolean {
    const live = this.live.get(chatId)
    if (!live || !isInactive(live.lastActivity, this.clock.now(), this.limits)) return false
    this.close(live, 'inactivity')
    return true
  }

  private closeIfFull(live: LiveDialog): void {
    if (live.utterances >= this.limits.maxUtterances) this.close(live, 'utterance-limit')
  }

  private close(live: LiveDialog, reason: WildCloseReason): void {
    this.table.closeDialog(live.dialogId, reason, iso(this.clock.now()))
    this.forget(live.chatId, reason)
  }

  /** Drops an open dialog from memory and its undelivered updates from the bot's queue. */
  private forget(chatId: number, reason: WildCloseReason): void {
    const live = this.live.get(chatId)
    if (!live) return
    this.live.delete(chatId)
    const queue = this.queues.get(live.botId)
    if (queue)
      this.queues.set(
        live.botId,
        queue.filter((u) => u.chatId !== chatId)
      )
    this.emit({ type: 'wild.closed', chatId, reason })
  }

  private enqueue(botId: number, update: QueuedUpdate): void {
    const queue = this.queues.get(botId) ?? []
    queue.push(update)
    this.queues.set(botId, queue)
    const waiting = this.waiters.get(botId)
    while (waiting && waiting.length > 0 && (this.queues.get(botId)?.length ?? 0) > 0) {
      const waiter = waiting[0]!
      const updates = this.takeUpdates({ id: botId, name: '' }, waiter.limit)
      if (updates.length === 0) break
      waiter.resolve(updates)
    }
  }

  private emitMessage(chatId: number, messageId: number, sender: 'human' | 'bot', text: string, at: number): WildMessage {
    const message: WildMessage = {
      messageId,
      sender,
      text,
      sentAt: iso(at),
      evaluation: null,
      evaluatedBy: null,
      delivered: sender === 'bot'
    }
    this.emit({ type: 'wild.message', chatId, message })
    return message
  }

  private emit(event: WildEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        console.error('[podium] wild event listener failed:', error)
      }
    }
  }

  /** After a restart: open dialogs back in memory, undelivered human messages re-queued. */
  private resume(): void {
    for (const row of this.table.openDialogRows()) {
      const messages = this.table.messages(row.id)
      const human = messages.filter((m) => m.sender === 'human')
      this.live.set(row.chat_id, {
        dialogId: row.id,
        chatId: row.chat_id,
        botId: row.bot_id,
        profileSet: profileNgrams(JSON.parse(row.profile_json) as string[], this.limits.profileNgram),
        nextMessageId: messages.length === 0 ? 0 : messages[messages.length - 1]!.messageId + 1,
        utterances: messages.length,
        lastActivity: Date.parse(row.last_activity_at),
        lastHumanMessageId: human.length === 0 ? 0 : human[human.length - 1]!.messageId,
        humanIds: new Set(human.filter((m) => m.messageId !== 0).map((m) => m.messageId))
      })
    }
    for (const p of this.table.pendingUpdates()) {
      const live = this.live.get(p.chatId)
      if (!live) continue
      const queue = this.queues.get(live.botId) ?? []
      queue.push({
        updateId: p.updateId,
        dialogId: p.dialogId,
        chatId: p.chatId,
        messageId: p.messageId,
        text: p.text,
        date: unixSeconds(Date.parse(p.sentAt))
      })
      this.queues.set(live.botId, queue)
    }
  }
}

function humanMessage(chatId: number, messageId: number, text: string, date: number): TelegramMessage {
  return {
    message_id: messageId,
    from: { id: chatId, is_bot: false, first_name: EVALUATOR_NAME },
    chat: { id: chatId, first_name: EVALUATOR_NAME, type: 'private' },
    date,
    text
  }
}

function fail(status: number, description: string): BotReply {
  return { status, body: { ok: false, error_code: status, description } }
}

const iso = (ms: number): string => new Date(ms).toISOString()
const unixSeconds = (ms: number): number => Math.floor(ms / 1000)
