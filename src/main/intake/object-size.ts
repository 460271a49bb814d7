// The size of a git object, read from its header without reading the object: a hostile repository's
// 1 GiB blob (1 MB compressed) must be refused for a few kilobytes of memory, before isomorphic-git
// inflates it whole.
//
// Loose object: zlib("<type> <size>\0" + content); inflating its first bytes gives the header.
// Packed object: the pack index (.idx v2) gives the offset; at that offset the pack entry starts with a
// varint of type and size. A delta entry's size is the delta's; the object's own size is the second
// varint at the start of the (compressed) delta data. Formats: git's Documentation/gitformat-pack.txt.

import { open, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { constants, inflateSync } from 'node:zlib'

export interface ObjectHeader {
  /** commit, tree, blob or tag; 'delta' when the object is a delta (its base's type is not looked up). */
  type: string
  size: number
}

interface PackIndex {
  pack: string
  fanout: Uint32Array
  count: number
  data: Buffer
}

const indexes = new WeakMap<object, Promise<PackIndex[]>>()

/**
 * Header of `oid` in the repository at `gitdir`, or null when the object is not there (or not readable this
 * way). `cacheKey` keeps the parsed pack indexes for one check (they are small: 28 bytes per object).
 */
export async function readObjectHeader(gitdir: string, oid: string, cacheKey: object): Promise<ObjectHeader | null> {
  const loose = await looseHeader(gitdir, oid)
  if (loose) return loose
  let packs = indexes.get(cacheKey)
  if (!packs) {
    packs = loadIndexes(gitdir)
    indexes.set(cacheKey, packs)
  }
  for (const idx of await packs) {
    const offset = findOffset(idx, oid)
    if (offset !== null) return packedHeader(idx.pack, offset)
  }
  return null
}

async function readAt(path: string, position: number, length: number): Promise<Buffer | null> {
  const file = await open(path, 'r').catch(() => null)
  if (!file) return null
  try {
    const buf = Buffer.alloc(length)
    const { bytesRead } = await file.read(buf, 0, length, position)
    return buf.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

/** Inflates the start of a zlib stream, tolerating the cut (the rest of the stream is never read). */
function inflateStart(compressed: Buffer): Buffer {
  try {
    return inflateSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 })
  } catch {
    return Buffer.alloc(0)
  }
}

async function looseHeader(gitdir: string, oid: string): Promise<ObjectHeader | null> {
  const head = await readAt(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)), 0, 512)
  if (!head || head.length === 0) return null
  const text = inflateStart(head)
  const nul = text.indexOf(0)
  const m = nul > 0 ? /^(commit|tree|blob|tag) (\d+)$/.exec(text.subarray(0, nul).toString('latin1')) : null
  return m ? { type: m[1]!, size: Number(m[2]) } : null
}

async function loadIndexes(gitdir: string): Promise<PackIndex[]> {
  const dir = join(gitdir, 'objects', 'pack')
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.idx'))
  const out: PackIndex[] = []
  for (const name of names) {
    const data = await readFile(join(dir, name))
    // Version 2 only (git has written nothing else since 2007): magic \377tOc, version 2.
    if (data.length < 8 + 1024 || data.readUInt32BE(0) !== 0xff744f63 || data.readUInt32BE(4) !== 2) continue
    const fanout = new Uint32Array(256)
    for (let i = 0; i < 256; i++) fanout[i] = data.readUInt32BE(8 + i * 4)
    out.push({ pack: join(dir, name.replace(/\.idx$/, '.pack')), fanout, count: fanout[255]!, data })
  }
  return out
}

function findOffset(idx: PackIndex, oid: string): number | null {
  const want = Buffer.from(oid, 'hex')
  if (want.length !== 20) return null
  const shas = 8 + 1024
  let lo = want[0] === 0 ? 0 : idx.fanout[want[0]! - 1]!
  let hi = idx.fanout[want[0]!]!
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const cmp = idx.data.compare(want, 0, 20, shas + mid * 20, shas + mid * 20 + 20)
    if (cmp === 0) {
      const offsets = shas + idx.count * 24
      const small = idx.data.readUInt32BE(offsets + mid * 4)
      if ((small & 0x80000000) === 0) return small
      const large = offsets + idx.count * 4 + (small & 0x7fffffff) * 8
      return Number(idx.data.readBigUInt64BE(large))
    }
    if (cmp > 0) hi = mid
    else lo = mid + 1
  }
  return null
}

const PACK_TYPES = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta']

async function packedHeader(pack: string, offset: number): Promise<ObjectHeader | null> {
  const buf = await readAt(pack, offset, 4096)
  if (!buf || buf.length === 0) return null
  let i = 0
  let byte = buf[i++]!
  const type = PACK_TYPES[(byte >> 4) & 7] ?? ''
  let size = byte & 15
  let scale = 16
  while (byte & 0x80 && i < buf.length) {
    byte = buf[i++]!
    size += (byte & 0x7f) * scale
    scale *= 128
  }
  if (type === 'commit' || type === 'tree' || type === 'blob' || type === 'tag') return { type, size }
  if (type === 'ofs-delta') {
    do byte = buf[i++]!
    while (byte & 0x80 && i < buf.length)
  } else if (type === 'ref-delta') i += 20
  else return null
  // The delta data: base size, then the size of the object it rebuilds (little-endian base-128 varints).
  const delta = inflateStart(buf.subarray(i))
  let j = 0
  const varint = (): number | null => {
    let value = 0
    let mult = 1
    for (;;) {
      if (j >= delta.length) return null
      const b = delta[j++]!
      value += (b & 0x7f) * mult
      mult *= 128
      if (!(b & 0x80)) return value
    }
  }
  if (varint() === null) return null
  const target = varint()
  return target === null ? null : { type: 'delta', size: target }
}
