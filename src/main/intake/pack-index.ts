// Stores a downloaded packfile in a git directory with a pack index (.idx v2) built here, in bounded memory.
//
// isomorphic-git's own indexer holds the whole pack in memory and inflates every object whole, so a
// hostile 1 GiB blob (1 MB compressed) costs gigabytes before any size cap is checked. Here the pack
// stays on disk: a whole object (commit, tree, blob, tag) is inflated in 1 MiB chunks straight into its
// SHA-1, whatever its size, so it gets indexed and the intake checks can then refuse it by name and size
// from its header. A delta must be rebuilt to learn its oid: in memory when the object is at most
// `limits.memory` bytes (the size is in the delta's first bytes), else through scratch files on disk; an
// object over `limits.disk`, a delta whose own instructions exceed `limits.delta`, or a pack that inflates
// to more than `limits.total` bytes in all throws PackTooLarge.
// Formats: git's Documentation/gitformat-pack.txt.

import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createInflate, crc32, inflateSync } from 'node:zlib'

const TYPES = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'] as const
/** Objects up to this size are inflated in one call; larger ones stream. */
const SMALL = 1 << 20
/** Rebuilt objects kept for the deltas based on them. */
const CACHE_BYTES = 32 << 20

/**
 * A pack too large to index: an object (`object`) or a delta (`delta`) of `size` bytes over `limit`, or
 * more than `limit` bytes to inflate in all (`total`, which bounds the time a 1000:1 pack can take).
 */
export class PackTooLarge extends Error {
  constructor(
    readonly what: 'object' | 'delta' | 'total',
    readonly size: number,
    readonly limit: number
  ) {
    super(`the pack holds ${what === 'total' ? 'in all' : `a ${what} of`} ${size} bytes, over the limit of ${limit} bytes`)
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
  /** A delta's object type (its base's), once rebuilt. */
  rebuiltType?: string
}

export interface StoredPack {
  pack: string
  objects: number
}

/**
 * Moves the pack at `incoming` into `gitdir`/objects/pack with its index; null when it holds no object.
 * `readExternal` supplies a ref-delta base the pack does not hold (an object already in the repository).
 */
export async function storePack(
  gitdir: string,
  incoming: string,
  limits: Limits,
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
    const inflated = { bytes: 0 }
    entries = await scan(file, head.readUInt32BE(8), size - 20, limits, inflated)
    await resolveDeltas(file, dirname(incoming), entries, limits, inflated, readExternal)
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
async function scan(file: FileHandle, count: number, packEnd: number, limits: Limits, inflated: { bytes: number }): Promise<Entry[]> {
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
    if (whole && size > limits.disk) throw new PackTooLarge('object', size, limits.disk)
    if ((inflated.bytes += size) > limits.total) throw new PackTooLarge('total', inflated.bytes, limits.total)
    const hash = whole ? createHash('sha1').update(`${type} ${size}\0`) : null
    const used = await inflateAt(file, entry.data, size, (chunk) => void hash?.update(chunk))
    entry.end = entry.data + used
    if (entry.end > packEnd) throw new Error('the packfile is truncated')
    if (hash) entry.oid = hash.digest('hex')
    entry.crc = await crcOf(file, offset, entry.end)
    entries.push(entry)
    offset = entry.end
  }
  return entries
}

/**
 * Inflates the zlib stream at `position` into `sink` (waiting for it when it returns a promise); returns
 * how many compressed bytes the stream took.
 */
async function inflateAt(file: FileHandle, position: number, size: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<number> {
  const wrongSize = (): Error => new Error(`the packfile has an object at offset ${position} that is not the ${size} bytes it says`)
  if (size <= SMALL) {
    // zlib never grows data by more than a few bytes per 16 KiB block, so this window holds the stream;
    // the output cap stops a stream that inflates to more than its header says (a zip bomb).
    const window = await readAt(file, position, size + (size >> 8) + 64)
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } }
    try {
      inflated = inflateSync(window, { info: true, maxOutputLength: size + 1 }) as unknown as typeof inflated
    } catch (err) {
      throw err instanceof RangeError ? wrongSize() : err
    }
    if (inflated.buffer.length !== size) throw wrongSize()
    await sink(inflated.buffer)
    return inflated.engine.bytesWritten
  }
  const inflate = createInflate()
  let ended = false
  let out = 0
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length
      if (out > size) return inflate.destroy(wrongSize())
      const waiting = sink(chunk)
      if (!waiting) return
      inflate.pause()
      waiting.then(() => inflate.resume(), reject)
    })
    inflate.once('end', () => (out === size ? resolve() : reject(wrongSize())))
    inflate.once('error', reject)
  }).finally(() => (ended = true))
  // Awaited below; this keeps a failure while the loop waits on the disk from counting as unhandled.
  done.catch(() => undefined)
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

/** An object's content: in memory, or (too large for memory) in a scratch file next to the pack. */
interface Source {
  type: string
  size: number
  slice(start: number, end: number): Promise<Buffer>
  /** Deletes the scratch file, if any. */
  release(): Promise<void>
}

const inMemory = (type: string, object: Buffer): Source => ({
  type,
  size: object.length,
  slice: async (start, end) => object.subarray(start, end),
  release: async () => undefined
})

/** Writes an object's content to a scratch file in 1 MiB chunks; `done` gives the file back as a Source. */
async function scratchWriter(path: string, type: string): Promise<{ write(b: Buffer): Promise<void>; done(): Promise<Source> }> {
  const out = await open(path, 'w+')
  let buf = Buffer.alloc(SMALL)
  let used = 0
  let size = 0
  const flush = async (): Promise<void> => {
    if (used > 0) await out.write(buf, 0, used)
    buf = Buffer.alloc(SMALL)
    used = 0
  }
  return {
    async write(b) {
      size += b.length
      for (let at = 0; at < b.length;) {
        const n = Math.min(b.length - at, SMALL - used)
        b.copy(buf, used, at, at + n)
        used += n
        at += n
        if (used === SMALL) await flush()
      }
    },
    async done() {
      await flush()
      return {
        type,
        size,
        slice: async (start, end) => readAt(out, start, end - start),
        release: async () => {
          await out.close()
          await rm(path, { force: true })
        }
      }
    }
  }
}

export interface Limits {
  /** Largest object rebuilt in memory. */
  memory: number
  /** Largest delta (its instructions, held in memory while rebuilding). */
  delta: number
  /** Largest object at all (hashed in chunks, or rebuilt in a scratch file). */
  disk: number
  /** Most bytes inflated from one pack (bounds the time to index it). */
  total: number
}

/**
 * Pass 2: rebuilds each delta (bases first) to learn its oid. Objects up to `limits.memory` are rebuilt in
 * memory (the recent ones kept as bases); larger ones go through scratch files, so a delta chain of a
 * huge file costs disk, not memory.
 */
async function resolveDeltas(
  file: FileHandle,
  scratchDir: string,
  entries: Entry[],
  limits: Limits,
  inflated: { bytes: number },
  readExternal: (oid: string) => Promise<{ type: string; object: Uint8Array } | null>
): Promise<void> {
  const byOffset = new Map(entries.map((e) => [e.offset, e]))
  const byOid = new Map<string, Entry>()
  for (const e of entries) if (e.oid) byOid.set(e.oid, e)
  const cache = new Map<number, Buffer>()
  let cached = 0
  let scratch = 0

  const remember = (e: Entry, object: Buffer): void => {
    cache.set(e.offset, object)
    cached += object.length
    for (const [key, value] of cache) {
      if (cached <= CACHE_BYTES) break
      cache.delete(key)
      cached -= value.length
    }
  }
  const inflateWhole = async (e: Entry): Promise<Buffer> => {
    const out = Buffer.alloc(e.size)
    let at = 0
    await inflateAt(file, e.data, e.size, (c) => void (at += c.copy(out, at)))
    return out
  }
  /** The content of entry `e`, rebuilt if it is a delta. The caller releases it. */
  const load = async (e: Entry): Promise<Source> => {
    const whole = e.type !== 'ofs-delta' && e.type !== 'ref-delta'
    const hit = cache.get(e.offset)
    if (hit) return inMemory(whole ? e.type : e.rebuiltType!, hit)
    if (whole) {
      if (e.size <= limits.memory) {
        const object = await inflateWhole(e)
        remember(e, object)
        return inMemory(e.type, object)
      }
      const writer = await scratchWriter(join(scratchDir, `scratch-${scratch++}`), e.type)
      await inflateAt(file, e.data, e.size, (c) => writer.write(c))
      return writer.done()
    }
    if (e.size > limits.delta) throw new PackTooLarge('delta', e.size, limits.delta)
    const delta = await inflateWhole(e)
    const at = { i: 0 }
    const baseSize = varint(delta, at)
    const size = varint(delta, at)
    if (size > limits.disk) throw new PackTooLarge('delta', size, limits.disk)
    if (!e.oid && (inflated.bytes += size) > limits.total) throw new PackTooLarge('total', inflated.bytes, limits.total)
    const base = await baseOf(e)
    try {
      if (base.size !== baseSize) throw new Error('the packfile has a delta that does not fit its base')
      const hash = createHash('sha1').update(`${base.type} ${size}\0`)
      let result: Source
      if (size <= limits.memory) {
        const object = Buffer.alloc(size)
        let o = 0
        await applyDelta(base, delta, at, size, (b) => void (o += b.copy(object, o)))
        hash.update(object)
        remember(e, object)
        result = inMemory(base.type, object)
      } else {
        const writer = await scratchWriter(join(scratchDir, `scratch-${scratch++}`), base.type)
        await applyDelta(base, delta, at, size, async (b) => {
          hash.update(b)
          await writer.write(b)
        })
        result = await writer.done()
      }
      e.rebuiltType = base.type
      if (!e.oid) {
        e.oid = hash.digest('hex')
        byOid.set(e.oid, e)
      }
      return result
    } finally {
      await base.release()
    }
  }
  const baseOf = async (e: Entry): Promise<Source> => {
    if (e.baseOffset !== undefined) {
      const base = byOffset.get(e.baseOffset)
      if (!base) throw new Error(`the packfile has a delta at offset ${e.offset} whose base is missing`)
      return load(base)
    }
    const inPack = byOid.get(e.baseOid!)
    if (inPack) return load(inPack)
    const external = await readExternal(e.baseOid!)
    if (!external) throw new Error(`the packfile has a delta on object ${e.baseOid} that is neither in it nor in the repository`)
    return inMemory(external.type, Buffer.from(external.object))
  }

  // A ref-delta may name a base that comes later in the pack: defer it until nothing changes; then the
  // base must be in the repository already.
  let pending = entries.filter((e) => !e.oid)
  for (;;) {
    const deferred: Entry[] = []
    for (const e of pending) {
      if (e.type === 'ref-delta' && !byOid.has(e.baseOid!)) deferred.push(e)
      else if (!e.oid) await (await load(e)).release()
    }
    if (deferred.length === 0) break
    if (deferred.length === pending.length) {
      for (const e of deferred) await (await load(e)).release()
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

/**
 * Applies the instructions of a git delta (from `at`, after its two sizes) to `base`, emitting the rebuilt
 * object in pieces: a copy instruction takes a range of the base, an insert instruction carries bytes.
 */
async function applyDelta(
  base: Source,
  delta: Buffer,
  at: { i: number },
  size: number,
  emit: (piece: Buffer) => void | Promise<void>
): Promise<void> {
  let o = 0
  while (at.i < delta.length) {
    const op = delta[at.i++]!
    let piece: Buffer
    if (op & 0x80) {
      let off = 0
      let len = 0
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) off += delta[at.i++]! * 2 ** (8 * bit)
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) len += delta[at.i++]! << (8 * bit)
      if (len === 0) len = 0x10000
      if (off + len > base.size) throw new Error('the packfile has a delta copying outside its base')
      piece = await base.slice(off, off + len)
    } else if (op > 0) {
      if (at.i + op > delta.length) throw new Error('the packfile has a malformed delta')
      piece = delta.subarray(at.i, at.i + op)
      at.i += op
    } else throw new Error('the packfile has a delta with a reserved instruction')
    if (o + piece.length > size) throw new Error('the packfile has a delta longer than it says')
    o += piece.length
    await emit(piece)
  }
  if (o !== size) throw new Error('the packfile has a delta shorter than it says')
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
