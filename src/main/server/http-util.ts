// Small pieces both of Podium's HTTP servers (serve mode, the ConvAI2 bot API) need.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** A body over the limit: the caller answers 413 (the connection is closed after the answer). */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body larger than ${maxBytes} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Refused before reading when the client declares the size.
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      req.resume()
      return reject(new BodyTooLargeError(maxBytes))
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > maxBytes) {
        // Keep reading (and dropping) the rest so the client gets the answer, not a reset.
        over = true
        chunks.length = 0
        reject(new BodyTooLargeError(maxBytes))
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/**
 * Tracks open connections so `close()` can finish: long polls and event streams never end
 * on their own, and server.close() waits for every connection.
 */
export function closableServer(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
}
