// Keeps the packfile of a fetch on disk instead of in memory.
//
// isomorphic-git collects the whole packfile of an upload-pack response in memory and then indexes it
// by inflating every object whole. The HTTP client hands each upload-pack response through `divert`,
// which takes the packfile's side-band packets (band 1) out of the stream and appends them to a file:
// isomorphic-git still reads the negotiation (shallow lines, ACK/NAK) and progress, finds no packfile,
// and writes none. `store` then indexes each saved pack in bounded memory (pack-index.ts).
// Protocol: git's Documentation/gitprotocol-pack.txt (pkt-line, side-band-64k).

import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { storePack, type Limits } from './pack-index'

export class PackDiverter {
  private incoming: string[] = []
  private n = 0

  constructor(private readonly dir: string) {}

  /** The response body without its packfile, which goes to a file in `dir`. */
  async *divert(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const path = join(this.dir, `incoming-${this.n++}.pack`)
    this.incoming.push(path)
    const file = await open(path, 'w')
    let pending = Buffer.alloc(0)
    let raw = false
    try {
      for await (const chunk of body) {
        // A server without side-band sends the pack raw: pass everything on (isomorphic-git indexes it).
        if (raw) {
          yield chunk
          continue
        }
        pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk])
        const out: Buffer[] = []
        while (pending.length >= 4) {
          const hex = pending.toString('latin1', 0, 4)
          if (!/^[0-9a-f]{4}$/i.test(hex)) {
            raw = true
            break
          }
          const len = parseInt(hex, 16)
          const size = len < 4 ? 4 : len
          if (pending.length < size) break
          if (len > 4 && pending[4] === 1) await file.write(pending.subarray(5, len))
          else out.push(pending.subarray(0, size))
          pending = pending.subarray(size)
        }
        if (raw) {
          out.push(pending)
          pending = Buffer.alloc(0)
        }
        if (out.length > 0) yield Buffer.concat(out)
      }
      if (pending.length > 0) yield pending
    } finally {
      await file.close()
    }
  }

  /**
   * Indexes and stores every pack diverted so far into `gitdir`. An empty pack (nothing new) is dropped.
   * Throws PackTooLarge (pack-index.ts) for an object or a pack too large to index.
   */
  async store(gitdir: string, limits: Limits, readExternal: Parameters<typeof storePack>[3]): Promise<void> {
    const paths = this.incoming
    this.incoming = []
    for (const path of paths) {
      const stored = await storePack(gitdir, path, limits, readExternal)
      if (stored === null) await rm(path, { force: true })
    }
  }
}
