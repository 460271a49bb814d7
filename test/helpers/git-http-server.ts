// Serves bare repositories over smart HTTP with the real `git http-backend` (CGI), because
// isomorphic-git only clones over HTTP and we want to test against what real git servers send.
// Extra switches simulate the failures intake must survive: auth walls, flaky 5xx, a server that hangs.

import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const BACKEND = '/usr/lib/git-core/git-http-backend'

export interface GitServerOptions {
  /** Paths starting with one of these answer 401 (e.g. '/private'). */
  authPrefixes?: string[]
  /** Paths starting with one of these never answer (for timeout tests). */
  hangPrefixes?: string[]
  /** The first `count` requests under `prefix` answer `status` (default 503). */
  flaky?: { prefix: string; count: number; status?: number }
  /** Pack requests (POST) under `prefix` stay silent for `ms` before git answers, like a server still packing. */
  slowPack?: { prefix: string; ms: number }[]
}

export interface GitServer {
  url: string
  /** Every request path seen, in order (with the query string). */
  requests: string[]
  close: () => Promise<void>
}

export async function startGitServer(rootDir: string, options: GitServerOptions = {}): Promise<GitServer> {
  const requests: string[] = []
  let flakyLeft = options.flaky?.count ?? 0
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(url.pathname + url.search)
    const path = decodeURIComponent(url.pathname)
    if (options.hangPrefixes?.some((p) => path.startsWith(p))) {
      hanging.add(res)
      return
    }
    if (options.authPrefixes?.some((p) => path.startsWith(p))) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="podium-test"' }).end('Unauthorized')
      return
    }
    if (options.flaky && flakyLeft > 0 && path.startsWith(options.flaky.prefix)) {
      flakyLeft--
      res.writeHead(options.flaky.status ?? 503).end('Try again later')
      return
    }
    // The prefix only picks the delay; the repository is served from below it.
    const slow = options.slowPack?.find((p) => path.startsWith(p.prefix))
    if (slow) {
      const rest = path.slice(slow.prefix.length - 1)
      if (req.method !== 'POST') return runBackend(rootDir, req, res, rest, url.search.slice(1))
      const timer = setTimeout(() => runBackend(rootDir, req, res, rest, url.search.slice(1)), slow.ms)
      res.on('close', () => clearTimeout(timer))
      return
    }
    runBackend(rootDir, req, res, path, url.search.slice(1))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function runBackend(root: string, req: IncomingMessage, res: ServerResponse, pathInfo: string, query: string): void {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
    SERVER_PROTOCOL: 'HTTP/1.1'
  }
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length']
  // http-backend inflates gzip request bodies itself when told the encoding.
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding']
  if (req.headers['git-protocol']) env.HTTP_GIT_PROTOCOL = String(req.headers['git-protocol'])
  const child = spawn(BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  req.pipe(child.stdin)
  child.stdin.on('error', () => undefined)
  child.stderr.resume()

  // CGI output: header lines, a blank line, then the body. `Status:` carries the HTTP status.
  let head = Buffer.alloc(0)
  let headersDone = false
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk)
      return
    }
    head = Buffer.concat([head, chunk])
    const crlf = head.indexOf('\r\n\r\n')
    const lf = head.indexOf('\n\n')
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf
    if (end < 0) return
    const sepLen = end === crlf ? 4 : 2
    let status = 200
    const headers: Record<string, string> = {}
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const i = line.indexOf(':')
      if (i < 0) continue
      const name = line.slice(0, i).trim()
      const value = line.slice(i + 1).trim()
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
      else headers[name] = value
    }
    headersDone = true
    res.writeHead(status, headers)
    res.write(head.subarray(end + sepLen))
  })
  child.stdout.on('end', () => {
    if (!headersDone) res.writeHead(502)
    res.end()
  })
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500)
    res.end()
  })
}

/** A URL on a port nothing listens on: connection refused, like an unreachable host, without DNS. */
export async function closedPortUrl(path = '/repo.git'): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}${path}`
}
