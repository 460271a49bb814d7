// Stores a downloaded packfile in a git directory with a pack index (.idx v2) built here, in bounded memory.
//
// isomorphic-git's own indexer holds the whole pack in memory and inflates every object whole, so a
// hostile 1 GiB blob (1 MB compressed) costs gigabytes before any size cap is checked. Here the pack
// stays on disk: a whole object (commit, tree, blob, tag) is inflated in 1 MiB chunks straight into its
// SHA-1, whatever its size, so it gets indexed and the intake checks can then refuse it by name and size
// from its header. A delta is rebuilt in memory only when the object it rebuilds is at most
// `maxObjectBytes` (its size is in the delta's first bytes); a larger one fails the fetch with REPO_TOO_LARGE.
// Formats: git's Documentation/gitformat-pack.txt.

import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { open, rename, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { createInflate, crc32, inflateSync } from 'node:zlib'

const TYPES = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'] as const
/** Objects up to this size are inflated in one call; larger ones stream. */
const SMALL = 1 << 20
/** Rebuilt objects kept for the deltas based on them. */
const CACHE_BYTES = 32 << 20

/** An object too large to rebuild from its delta. */
export class OversizedDelta extends Error {
  constructor(readonly size: number) {
    super(`pack holds a delta object of ${size} bytes`)
  }
}

interface Entry {
  offset: number
  /** Start of the compressed data. */
  data: number
  end: number
  type: (typeof TYPES)[number]
  size: number
  crc: number
  oid?: string
  baseOffset?: number
  baseOid?: string
}

export interface StoredPack {
  pack: string
  objects: number
}

/**
 * Moves the pack at `incoming` into `gitdir`/objects/pack with its index; null when it holds no object. `readExternal` supplies a
 * ref-delta base the pack does not hold (an object already in the repository).
 */
export async function storePack(
  gitdir: string,
  incoming: string,
  maxObjectBytes: number,
  readExternal: (oid: string) => Promise<{ type: string; object: Uint8Array } | null>
): Promise<StoredPack | null> {
  const file = await open(incoming, 'r')
  let checksum: string
  let entries: Entry[]
  try {
    const { size } = await file.stat()
    // Nothing diverted (the server sent no pack, or sent it without side-band).
    if (size === 0) return null
    const head = await readAt(file, 0, 12)
    if (size < 32 || head.toString('latin1', 0, 4) !== 'PACK' || head.readUInt32BE(4) !== 2)
      throw new Error('the server sent no valid packfile')
    if (head.readUInt32BE(8) === 0) return null
    checksum = (await readAt(file, size - 20, 20)).toString('hex')
    entries = await scan(file, head.readUInt32BE(8), size - 20)
    await resolveDeltas(file, entries, maxObjectBytes, readExternal)
  } finally {
    await file.close()
  }
  const base = join(gitdir, 'objects', 'pack', `pack-${checksum}`)
  await writeFile(`${base}.idx`, indexBytes(entries, checksum))
  await rename(incoming, `${base}.pack`)
  return { pack: `${base}.pack`, objects: entries.length }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  const { bytesRead } = await file.read(buf, 0, length, position)
  return buf.subarray(0, bytesRead)
}

/** Pass 1: every entry's place, type and size; whole objects also get their oid (streamed into SHA-1). */
async function scan(file: FileHandle, count: number, packEnd: number): Promise<Entry[]> {
  const entries: Entry[] = []
  let offset = 12
  for (let n = 0; n < count; n++) {
    const head = await readAt(file, offset, 32)
    let i = 0
    let byte = head[i++]!
    const type = TYPES[(byte >> 4) & 7] ?? ''
    let size = byte & 15
    for (let scale = 16; byte & 0x80; scale *= 128) {
      byte = head[i++]!
      size += (byte & 0x7f) * scale
    }
    const entry: Entry = { offset, data: 0, end: 0, type, size, crc: 0 }
    if (type === 'ofs-delta') {
      byte = head[i++]!
      let back = byte & 0x7f
      while (byte & 0x80) {
        byte = head[i++]!
        back = (back + 1) * 128 + (byte & 0x7f)
      }
      entry.baseOffset = offset - back
    } else if (type === 'ref-delta') {
      entry.baseOid = head.toString('hex', i, i + 20)
      i += 20
    } else if (type === '') throw new Error(`the packfile has an object of unknown type at offset ${offset}`)
    entry.data = offset + i
    const whole = type !== 'ofs-delta' && type !== 'ref-delta'
    const hash = whole ? createHash('sha1').update(`${type} ${size}\0`) : null
    const used = await inflateAt(file, entry.data, size, (chunk) => hash?.update(chunk))
    entry.end = entry.data + used
    if (entry.end > packEnd) throw new Error('the packfile is truncated')
    if (hash) entry.oid = hash.digest('hex')
    entry.crc = await crcOf(file, offset, entry.end)
    entries.push(entry)
    offset = entry.end
  }
  return entries
}

/** Inflates the zlib stream at `position` into `sink`; returns how many compressed bytes it took. */
async function inflateAt(file: FileHandle, position: number, size: number, sink: (chunk: Buffer) => void): Promise<number> {
  if (size <= SMALL) {
    // zlib never grows data by more than a few bytes per 16 KiB block, so this window holds the stream.
    const window = await readAt(file, position, size + (size >> 8) + 64)
    const { buffer, engine } = inflateSync(window, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } }
    sink(buffer)
    return engine.bytesWritten
  }
  const inflate = createInflate()
  inflate.on('data', sink)
  let ended = false
  const done = new Promise<void>((resolve, reject) => {
    inflate.once('end', resolve)
    inflate.once('error', reject)
  }).finally(() => (ended = true))
  const chunk = 1 << 20
  for (let at = position; !ended; at += chunk) {
    const buf = await readAt(file, at, chunk)
    if (buf.length === 0) {
      inflate.end()
      break
    }
    if (!inflate.write(buf)) await Promise.race([once(inflate, 'drain'), done])
  }
  await done
  return inflate.bytesWritten
}

async function crcOf(file: FileHandle, start: number, end: number): Promise<number> {
  let crc = 0
  for (let at = start; at < end; at += SMALL) crc = crc32(await readAt(file, at, Math.min(SMALL, end - at)), crc)
  return crc
}

interface Resolved {
  type: string
  object: Buffer
}

/** Pass 2: rebuilds each delta (bases first) to learn its oid. */
async function resolveDeltas(
  file: FileHandle,
  entries: Entry[],
  maxObjectBytes: number,
  readExternal: (oid: string) => Promise<{ type: string; object: Uint8Array } | null>
): Promise<void> {
  const byOffset = new Map(entries.map((e) => [e.offset, e]))
  const byOid = new Map<string, Entry>()
  for (const e of entries) if (e.oid) byOid.set(e.oid, e)
  const cache = new Map<number, Resolved>()
  let cached = 0

  const inflateWhole = async (e: Entry): Promise<Buffer> => {
    const parts: Buffer[] = []
    await inflateAt(file, e.data, e.size, (c) => parts.push(c))
    return Buffer.concat(parts)
  }
  const load = async (e: Entry): Promise<Resolved> => {
    const hit = cache.get(e.offset)
    if (hit) return hit
    let out: Resolved
    if (e.type !== 'ofs-delta' && e.type !== 'ref-delta') {
      if (e.size > maxObjectBytes) throw new OversizedDelta(e.size)
      out = { type: e.type, object: await inflateWhole(e) }
    } else {
      const delta = await inflateWhole(e)
      const target = deltaTargetSize(delta)
      if (target > maxObjectBytes) throw new OversizedDelta(target)
      const base = await baseOf(e)
      out = { type: base.type, object: applyDelta(base.object, delta) }
      e.oid ??= createHash('sha1').update(`${out.type} ${out.object.length}\0`).update(out.object).digest('hex')
      byOid.set(e.oid, e)
    }
    cache.set(e.offset, out)
    cached += out.object.length
    for (const [key, value] of cache) {
      if (cached <= CACHE_BYTES) break
      cache.delete(key)
      cached -= value.object.length
    }
    return out
  }
  const baseOf = async (e: Entry): Promise<Resolved> => {
    if (e.baseOffset !== undefined) {
      const base = byOffset.get(e.baseOffset)
      if (!base) throw new Error(`the packfile has a delta at offset ${e.offset} whose base is missing`)
      return load(base)
    }
    const inPack = byOid.get(e.baseOid!)
    if (inPack) return load(inPack)
    const external = await readExternal(e.baseOid!)
    if (!external) throw new Error(`the packfile has a delta on object ${e.baseOid} that is neither in it nor in the repository`)
    return { type: external.type, object: Buffer.from(external.object) }
  }

  // A ref-delta may name a base that comes later in the pack: defer it until nothing changes; then the
  // base must be in the repository already.
  let pending = entries.filter((e) => !e.oid)
  for (;;) {
    const deferred: Entry[] = []
    for (const e of pending) {
      if (e.type === 'ref-delta' && !byOid.has(e.baseOid!)) deferred.push(e)
      else await load(e)
    }
    if (deferred.length === 0) break
    if (deferred.length === pending.length) {
      for (const e of deferred) await load(e)
      break
    }
    pending = deferred
  }
}

function varint(buf: Buffer, at: { i: number }): number {
  let value = 0
  for (let mult = 1; ; mult *= 128) {
    const b = buf[at.i++]
    if (b === undefined) throw new Error('the packfile has a truncated delta')
    value += (b & 0x7f) * mult
    if (!(b & 0x80)) return value
  }
}

function deltaTargetSize(delta: Buffer): number {
  const at = { i: 0 }
  varint(delta, at)
  return varint(delta, at)
}

/** Applies a git delta: copy instructions take a range of the base, insert instructions carry bytes. */
function applyDelta(base: Buffer, delta: Buffer): Buffer {
  const at = { i: 0 }
  if (varint(delta, at) !== base.length) throw new Error('the packfile has a delta that does not fit its base')
  const out = Buffer.alloc(varint(delta, at))
  let o = 0
  while (at.i < delta.length) {
    const op = delta[at.i++]!
    if (op & 0x80) {
      let off = 0
      let len = 0
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) off += delta[at.i++]! * 2 ** (8 * bit)
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) len += delta[at.i++]! << (8 * bit)
      if (len === 0) len = 0x10000
      if (off + len > base.length || o + len > out.length) throw new Error('the packfile has a delta copying outside its base')
      base.copy(out, o, off, off + len)
      o += len
    } else if (op > 0) {
      if (o + op > out.length || at.i + op > delta.length) throw new Error('the packfile has a malformed delta')
      delta.copy(out, o, at.i, at.i + op)
      o += op
      at.i += op
    } else throw new Error('the packfile has a delta with a reserved instruction')
  }
  if (o !== out.length) throw new Error('the packfile has a delta shorter than it says')
  return out
}

/** Pack index version 2: fanout, sorted oids, CRC-32s, 31-bit offsets (+ 64-bit ones), pack and index checksums. */
function indexBytes(entries: Entry[], packChecksum: string): Buffer {
  const sorted = [...entries].sort((a, b) => (a.oid! < b.oid! ? -1 : a.oid! > b.oid! ? 1 : 0))
  const n = sorted.length
  const large = sorted.filter((e) => e.offset >= 0x80000000)
  const buf = Buffer.alloc(8 + 1024 + n * 28 + large.length * 8 + 40)
  buf.writeUInt32BE(0xff744f63, 0)
  buf.writeUInt32BE(2, 4)
  const fanout = new Array<number>(256).fill(0)
  for (const e of sorted) fanout[parseInt(e.oid!.slice(0, 2), 16)]!++
  let running = 0
  for (let b = 0; b < 256; b++) buf.writeUInt32BE((running += fanout[b]!), 8 + b * 4)
  const shas = 8 + 1024
  const crcs = shas + n * 20
  const offsets = crcs + n * 4
  let nextLarge = 0
  sorted.forEach((e, k) => {
    buf.write(e.oid!, shas + k * 20, 'hex')
    buf.writeUInt32BE(e.crc >>> 0, crcs + k * 4)
    if (e.offset < 0x80000000) buf.writeUInt32BE(e.offset, offsets + k * 4)
    else {
      buf.writeUInt32BE((0x80000000 | nextLarge) >>> 0, offsets + k * 4)
      buf.writeBigUInt64BE(BigInt(e.offset), offsets + n * 4 + nextLarge * 8)
      nextLarge++
    }
  })
  const tail = buf.length - 40
  buf.write(packChecksum, tail, 'hex')
  createHash('sha1')
    .update(buf.subarray(0, tail + 20))
    .digest()
    .copy(buf, tail + 20)
  return buf
}
