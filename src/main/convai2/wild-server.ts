// The ConvAI2 wild-evaluation server: the seed's simplified Telegram Bot API over HTTP for
// the bots, and an in-process API for the human (evaluator) side.
//
//   GET|POST /bot<token>/getUpdates   limit (1–100, default 100), timeout (s, long polling)
//   GET|POST /bot<token>/sendMessage  chat_id, text (plain or '{"text": "...", "msg_evaluation": ...}'), msg_evaluation
//
// Parameters come from the query string and/or the body (JSON whatever the Content-Type,
// or form-encoded; body wins); a malformed request is a 400 that never counts as invalid.
// Other Telegram parameters (offset, allowed_updates, parse_mode, ...) are ignored. Answers use Telegram's envelope:
// {"ok": true, "result": ...} or {"ok": false, "error_code": N, "description": "..."}.
// Unknown token → 401 "Unauthorized"; unknown method → 404 "Not Found".
// Binds 127.0.0.1 unless told otherwise. The rules live in wild-rules.ts / wild-dialogs.ts;
// what bots may send is docs/convai2-bot-api.md.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WildBot, WildBotStats, WildDialog, WildEvent, WildMessage } from '../../shared/convai2'
import { convai2Table, type Convai2Table } from '../db/convai2'
import { openDatabase } from '../db/database'
import { closableServer, readBody, sendJson } from '../server/http-util'
import { pollLimit, pollTimeout, DEFAULT_WILD_LIMITS, type WildLimits } from './wild-rules'
import { systemClock, WildDialogs, type BotReply, type HumanRating, type WildClock } from './wild-dialogs'
import { errorText } from '../../shared/error-text'

export interface WildServerOptions {
  /** 0 or absent: a free port. */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Where bots, dialogs and ratings are kept; absent: an in-memory database, lost on close. */
  store?: { convai2: Convai2Table }
  /** Drives dialog timestamps and inactivity (long-poll waits use real timers). */
  clock?: WildClock
  limits?: Partial<WildLimits>
  /** How often inactive dialogs are closed, in real milliseconds (default 1000; 0 = never). */
  sweepIntervalMs?: number
}

/** The human (evaluator) side, for Podium's services. Errors are ApiErrors. */
export interface WildHumanApi {
  registerBot(bot: { name: string; token: string; teamId?: number | null }): WildBot
  listBots(): WildBot[]
  unblockBot(token: string): WildBot
  /** Opens a chat, sends the bot "/start" + profile; `opponentProfile` enables the role-play question. */
  startDialog(botToken: string, profile: readonly string[], opponentProfile?: readonly string[] | null): number
  sendHumanMessage(chatId: number, text: string): WildMessage
  listMessages(chatId: number): WildMessage[]
  getDialog(chatId: number): WildDialog
  listDialogs(botToken?: string): WildDialog[]
  endDialog(chatId: number, rating: HumanRating): WildDialog
  stats(): WildBotStats[]
  /** Closes dialogs past the inactivity limit now (the server also does it periodically). */
  sweep(): number[]
  subscribe(listener: (event: WildEvent) => void): () => void
}

export interface WildServer {
  /** Base URL with a trailing slash; bots use `${url}bot<token>/getUpdates`. */
  url: string
  port: number
  api: WildHumanApi
  limits: WildLimits
  close(): Promise<void>
}

const MAX_BODY_BYTES = 64 * 1024
const ROUTE = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/

export function startWildServer(options: WildServerOptions = {}): Promise<WildServer> {
  const limits: WildLimits = { ...DEFAULT_WILD_LIMITS, ...options.limits }
  const ownDb = options.store ? null : openDatabase(':memory:')
  const table = options.store?.convai2 ?? convai2Table(ownDb!)
  const dialogs = new WildDialogs(table, options.clock ?? systemClock, limits)

  const server = createServer((req, res) => {
    handle(req, res, dialogs, limits).catch((error: unknown) => {
      console.error('[podium] wild request failed:', error)
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } })
      else res.end()
    })
  })
  const closeServer = closableServer(server)
  const sweepMs = options.sweepIntervalMs ?? 1000
  const sweeper = sweepMs > 0 ? setInterval(() => dialogs.sweep(), sweepMs) : null
  sweeper?.unref()

  const api: WildHumanApi = {
    registerBot: (bot) => dialogs.registerBot(bot),
    listBots: () => dialogs.bots(),
    unblockBot: (token) => dialogs.unblockBot(token),
    startDialog: (token, profile, opponent) => dialogs.startDialog(token, profile, opponent),
    sendHumanMessage: (chatId, text) => dialogs.sendHumanMessage(chatId, text),
    listMessages: (chatId) => dialogs.listMessages(chatId),
    getDialog: (chatId) => dialogs.getDialog(chatId),
    listDialogs: (token) => dialogs.listDialogs(token),
    endDialog: (chatId, rating) => dialogs.endDialog(chatId, rating),
    stats: () => dialogs.stats(),
    sweep: () => dialogs.sweep(),
    subscribe: (listener) => dialogs.subscribe(listener)
  }

  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      if (sweeper) clearInterval(sweeper)
      ownDb?.close()
      reject(error)
    })
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port, address, family } = server.address() as AddressInfo
      const host = family === 'IPv6' ? `[${address}]` : address
      let closing: Promise<void> | null = null
      resolve({
        url: `http://${host}:${port}/`,
        port,
        api,
        limits,
        close: () =>
          (closing ??= (async () => {
            if (sweeper) clearInterval(sweeper)
            dialogs.releaseWaiters()
            await closeServer()
            ownDb?.close()
          })())
      })
    })
  })
}

async function handle(req: IncomingMessage, res: ServerResponse, dialogs: WildDialogs, limits: WildLimits): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const match = ROUTE.exec(url.pathname)
  if (!match) return send(res, fail(404, 'Not Found'))
  let token: string
  try {
    token = decodeURIComponent(match[1]!)
  } catch {
    return send(res, fail(401, 'Unauthorized'))
  }
  const bot = dialogs.authenticate(token)
  if (!bot) return send(res, fail(401, 'Unauthorized'))
  if (req.method !== 'GET' && req.method !== 'POST') return send(res, fail(405, 'Method Not Allowed: use GET or POST'))
  const method = match[2]!.toLowerCase()
  if (method !== 'getupdates' && method !== 'sendmessage') return send(res, fail(404, 'Not Found'))

  // A declared oversized body is refused before reading it (not counted as invalid).
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    return send(res, dialogs.blockedReply(bot) ?? fail(413, `Request Entity Too Large: at most ${MAX_BODY_BYTES} bytes`))
  }
  let params: Record<string, unknown>
  try {
    params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) }
  } catch (error) {
    // A malformed request is not a message: 400, never counted as an invalid message.
    return send(res, dialogs.blockedReply(bot) ?? fail(400, `Bad Request: ${errorText(error)}`))
  }

  if (method === 'sendmessage') return send(res, dialogs.botSendMessage(bot, params))

  const blocked = dialogs.blockedReply(bot)
  if (blocked) return send(res, blocked)
  dialogs.notePoll(bot)
  const limit = pollLimit(params.limit)
  const timeoutMs = pollTimeout(params.timeout, limits.maxPollSeconds) * 1000
  const poll = dialogs.waitForUpdates(bot, limit, timeoutMs)
  // A client that goes away stops waiting: nothing is consumed for it.
  const onClose = (): void => poll.cancel()
  res.once('close', onClose)
  const updates = await poll.promise
  res.off('close', onClose)
  if (res.destroyed) return
  send(res, { status: 200, body: { ok: true, result: updates } })
}

/**
 * The body's parameters, whatever the declared Content-Type (urllib and `curl --data` send JSON
 * as application/x-www-form-urlencoded; the router parsed JSON regardless): a body starting
 * with "{" is JSON, anything else is form-encoded.
 */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_BODY_BYTES)
  const trimmed = body.trim()
  if (trimmed === '') return {}
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'multipart/form-data') throw new Error('multipart/form-data is not supported: send JSON or form-encoded parameters')
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      throw new Error('request body is not valid JSON')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('request body must be a JSON object')
    return parsed as Record<string, unknown>
  }
  return Object.fromEntries(new URLSearchParams(body))
}

function fail(status: number, description: string): BotReply {
  return { status, body: { ok: false, error_code: status, description } }
}

function send(res: ServerResponse, reply: BotReply): void {
  sendJson(res, reply.status, reply.body)
}
