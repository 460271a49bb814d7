import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { HTTP_STATUS_OF, isChannel, type ApiErrorCode } from '../../shared/api'
import type { EventBus } from '../events'
import { dispatch, type Handlers } from '../services/handlers'
import { BodyTooLargeError, closableServer, readBody, sendJson } from './http-util'
import { errorText } from '../../shared/error-text'

export interface HttpServerOptions {
  handlers: Handlers
  events: EventBus
  /** Built renderer (out/renderer); served as static files. */
  staticDir: string
  port?: number
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string
}

export interface RunningServer {
  url: string
  /** The URL to open: carries the token the renderer needs for API calls. */
  openUrl: string
  token: string
  port: number
  close(): Promise<void>
}

const MAX_BODY_BYTES = 5 * 1024 * 1024
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

/**
 * The `serve` transport: the same handlers as Electron IPC, as HTTP+JSON on 127.0.0.1.
 * POST /api/call/<channel> with a JSON body; GET /api/events is a server-sent event stream.
 * Every API request must carry the per-run token (Authorization: Bearer, or ?token= for SSE).
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const server = createServer((req, res) => {
    handle(req, res, options, token, port).catch((error: unknown) => {
      console.error('[podium] request failed:', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'internal error' } })
      else res.end()
    })
  })
  const close = closableServer(server)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      const url = `http://127.0.0.1:${port}/`
      resolve({
        url,
        openUrl: `${url}?token=${token}`,
        token,
        port,
        close
      })
    })
  })
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions, token: string, port: number) {
  // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host.
  if (!isOwnHost(req.headers.host, port)) {
    return sendError(res, 'FORBIDDEN', `Host "${req.headers.host ?? ''}" is not this server: use 127.0.0.1:${port} or localhost:${port}`)
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (!url.pathname.startsWith('/api/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' })
    return serveStatic(res, options.staticDir, url.pathname)
  }
  if (!hasToken(req, url, token)) return sendError(res, 'UNAUTHORIZED', 'missing or wrong API token')
  if (url.pathname === '/api/events') {
    if (req.method !== 'GET') return sendError(res, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET' })
    return streamEvents(req, res, options.events)
  }

  const channel = url.pathname.slice('/api/call/'.length)
  if (!url.pathname.startsWith('/api/call/') || !isChannel(channel)) return sendError(res, 'NOT_FOUND', `no API channel ${channel}`)
  if (req.method !== 'POST') return sendError(res, 'METHOD_NOT_ALLOWED', 'use POST', { allow: 'POST' })
  let request: unknown
  try {
    const body = await readBody(req, MAX_BODY_BYTES)
    request = body.length === 0 ? null : JSON.parse(body)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // The rest of the body is read and dropped, so the client gets this answer rather than a reset.
      return sendError(res, 'PAYLOAD_TOO_LARGE', `request body: at most ${MAX_BODY_BYTES} bytes`)
    }
    return sendError(res, 'BAD_REQUEST', `request body: ${errorText(error)}`)
  }
  const envelope = await dispatch(options.handlers, channel, request)
  sendJson(res, envelope.ok ? 200 : HTTP_STATUS_OF[envelope.error.code], envelope)
}

/** Only this server's own names, with its port: 127.0.0.1, localhost and [::1]. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase())
}

function sendError(res: ServerResponse, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  sendJson(res, HTTP_STATUS_OF[code], { ok: false, error: { code, message } })
}

function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization
  const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token')
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function streamEvents(req: IncomingMessage, res: ServerResponse, events: EventBus): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive'
  })
  res.write(': connected\n\n')
  const unsubscribe = events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000)
  req.on('close', () => {
    clearInterval(keepAlive)
    unsubscribe()
  })
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return sendError(res, 'BAD_REQUEST', `malformed percent-encoding in the path ${JSON.stringify(pathname)}`)
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  // A path that leaves the renderer folder, or names nothing, gets the app shell.
  if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(root, 'index.html')
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The renderer is not built: run `npm run build`.')
    return
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff'
  })
  createReadStream(file).pipe(res)
}
