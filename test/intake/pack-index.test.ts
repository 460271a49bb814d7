// Bounded memory over HTTP (issue 10 item 5): the packfile of a fetch goes to disk and Podium indexes it
// itself (pack-diverter.ts, pack-index.ts). The index must be the one git writes, byte for byte, for a
// pack with deltas, a blob inflated in chunks and deltas rebuilt through scratch files; an object too
// large to rebuild is refused with REPO_TOO_LARGE. Real repositories served by `git http-backend`.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, fetchRepository } from '../../src/main/intake/git-fetch'
import { storePack } from '../../src/main/intake/pack-index'
import { buildRepo, runGit, type BuiltRepo } from '../../src/main/intake/repo-builder'
import { entry, PREDICTIONS, TAG, weights } from '../helpers/fixture-repos'
import { startGitServer, type GitServer } from '../helpers/git-http-server'

const text = (n: number, seed: number): string => Array.from({ length: n }, (_, i) => `line ${i} of run ${seed < 2 ? 1 : i % 7}`).join('\n')
const NOTES_V2 = `${text(20000, 1)}\nmore\n`

let root: string
let server: GitServer
let served: BuiltRepo

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podium-pack-'))
  await mkdir(join(root, 'served'))
  const steps = entry({ predictions: { ...PREDICTIONS, 'predictions/big.json': ' '.repeat(3 * 1024 * 1024) } })
  // Two near-identical texts in successive commits: git stores one as a delta of the other.
  steps.splice(1, 0, { message: 'notes v1', date: '2020-08-02T10:00:00Z', files: { 'notes.txt': text(20000, 1) } })
  steps.splice(2, 0, { message: 'notes v2', date: '2020-08-03T10:00:00Z', files: { 'notes.txt': NOTES_V2, 'w.bin': weights(70000) } })
  served = await buildRepo(join(root, 'served', 'repo.git'), { commits: steps, bare: true })
  await runGit(['repack', '-a', '-d', '-f', '-q'], served.dir)
  // Twelve 200 kB files of spaces (2.4 MB, 1:1000; git stores eleven as deltas).
  const spaces = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`data/s${i}.txt`, `${' '.repeat(200_000)}${i}\n`]))
  await buildRepo(join(root, 'served', 'spaces.git'), { commits: entry({ predictions: { ...PREDICTIONS, ...spaces } }), bare: true })
  server = await startGitServer(join(root, 'served'))
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

async function fetchInto(
  name: string,
  limits: Partial<typeof DEFAULT_LIMITS>,
  repo = 'repo.git'
): Promise<Awaited<ReturnType<typeof fetchRepository>>> {
  return fetchRepository({
    repo: `${server.url}/${repo}`,
    tag: TAG,
    predictionsRefs: ['main'],
    workDir: join(root, name),
    limits: { ...DEFAULT_LIMITS, retryBaseMs: 10, ...limits }
  })
}

describe('a fetched pack indexed by Podium', () => {
  it('has the index git writes, byte for byte, with deltas rebuilt in memory or through scratch files', async () => {
    // 100 kB: notes.txt (400 kB) and its delta are rebuilt through scratch files, the rest in memory.
    for (const [name, maxPredictionBytes] of [
      ['in-memory', DEFAULT_LIMITS.maxPredictionBytes],
      ['scratch', 100_000]
    ] as const) {
      const r = await fetchInto(name, { maxPredictionBytes })
      expect(r.ok, JSON.stringify(r.problems)).toBe(true)
      const packDir = join(root, name, 'objects', 'pack')
      const files = (await readdir(packDir)).sort()
      // Nothing left over: no incoming pack, no scratch file.
      expect(
        files.every((f) => /^pack-[0-9a-f]{40}\.(pack|idx)$/.test(f)),
        files.join(' ')
      ).toBe(true)
      const packs = files.filter((f) => f.endsWith('.pack'))
      expect(packs.length).toBeGreaterThan(0)
      let deltas = 0
      for (const pack of packs) {
        const gitIdx = join(root, `${name}-${pack}.idx`)
        await runGit(['index-pack', '-o', gitIdx, join(packDir, pack)], root)
        expect(await readFile(join(packDir, pack.replace(/\.pack$/, '.idx'))), pack).toEqual(await readFile(gitIdx))
        const verify = await runGit(['verify-pack', '-v', join(packDir, pack)], root)
        deltas += verify.split('\n').filter((l) => /^[0-9a-f]{40} \w+ +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(l)).length
      }
      expect(deltas, 'the served pack has deltas').toBeGreaterThan(0)
      // Every object of the fetched history is readable by git itself.
      const rev = await runGit(['rev-parse', 'main:notes.txt'], served.dir)
      expect(await runGit(['cat-file', 'blob', rev], join(root, name))).toBe(NOTES_V2.trimEnd())
    }
  })

  async function refusal(name: string, limits: Partial<typeof DEFAULT_LIMITS>, repo: string): Promise<string> {
    const r = await fetchInto(name, limits, repo)
    expect(r.ok).toBe(false)
    expect(r.problems.map((p) => p.code)).toEqual(['REPO_TOO_LARGE'])
    return r.problems[0]!.message
  }

  it('refuses with REPO_TOO_LARGE a file larger than the repository cap, and a pack that inflates to more than 8 times it', async () => {
    expect(await refusal('object-too-large', { maxBytes: 1_000_000 }, 'repo.git')).toBe(
      `Repository ${server.url}/repo.git holds an object of 3,145,728 bytes, over the limit of 1,000,000 bytes; the repository was not read.`
    )
    expect(await refusal('total-too-large', { maxBytes: 250_000 }, 'spaces.git')).toBe(
      `Repository ${server.url}/spaces.git unpacks to more than 2,000,000 bytes of content; the repository was not read.`
    )
  })
})

/** A pack entry header: type, then the size in 4 + 7-bit groups. */
function entryHeader(type: number, size: number): Buffer {
  const out = [(type << 4) | (size & 15)]
  for (let rest = Math.floor(size / 16); rest > 0; rest = Math.floor(rest / 128)) {
    out[out.length - 1]! |= 0x80
    out.push(rest & 0x7f)
  }
  return Buffer.from(out)
}

async function writePack(path: string, entries: Buffer[]): Promise<void> {
  const head = Buffer.alloc(12)
  head.write('PACK', 0, 'latin1')
  head.writeUInt32BE(2, 4)
  head.writeUInt32BE(entries.length, 8)
  const body = Buffer.concat([head, ...entries])
  await writeFile(path, Buffer.concat([body, createHash('sha1').update(body).digest()]))
}

/** A one-blob pack whose entry header claims `claimed` bytes for `content`. */
async function craftedPack(path: string, content: Buffer, claimed: number): Promise<void> {
  await writePack(path, [Buffer.concat([entryHeader(3, claimed), deflateSync(content)])])
}

describe('a hostile pack', () => {
  const limits = { memory: 1 << 20, delta: 1 << 20, disk: 1 << 30, total: 2 ** 31 }
  const none = async (): Promise<null> => null

  it('is refused when an object inflates to more than its header says (small and streamed)', async () => {
    const gitdir = join(root, 'hostile')
    await mkdir(join(gitdir, 'objects', 'pack'), { recursive: true })
    for (const [content, claimed] of [
      [Buffer.alloc(5000, 'a'), 100],
      [Buffer.alloc(3 << 20, 'a'), 2 << 20]
    ] as const) {
      const incoming = join(gitdir, 'objects', 'pack', 'incoming.pack')
      await craftedPack(incoming, content, claimed)
      await expect(storePack(gitdir, incoming, limits, none)).rejects.toThrow(`is not the ${claimed} bytes it says`)
    }
  })

  it('is refused when a delta rebuilds an object over the size limit, before rebuilding it', async () => {
    const gitdir = join(root, 'hostile-delta')
    await mkdir(join(gitdir, 'objects', 'pack'), { recursive: true })
    const incoming = join(gitdir, 'objects', 'pack', 'incoming.pack')
    const blob = Buffer.concat([entryHeader(3, 10), deflateSync(Buffer.from('0123456789'))])
    // Base size 10, target size 5 MiB (varints), then one copy of the whole base.
    const delta = Buffer.from([10, 0x80, 0x80, 0xc0, 0x02, 0x80 | 0x01 | 0x10, 0, 10])
    // An ofs-delta right after the blob: its base is `blob.length` bytes back.
    const ofs = Buffer.concat([entryHeader(6, delta.length), Buffer.from([blob.length]), deflateSync(delta)])
    await writePack(incoming, [blob, ofs])
    await expect(storePack(gitdir, incoming, { ...limits, disk: 1 << 20 }, none)).rejects.toThrow(
      `the pack holds a delta of ${5 * 2 ** 20} bytes, over the limit of ${2 ** 20} bytes`
    )
  })

  it('an honest crafted pack gets the index git writes', async () => {
    const gitdir = join(root, 'honest')
    await mkdir(join(gitdir, 'objects', 'pack'), { recursive: true })
    const incoming = join(gitdir, 'objects', 'pack', 'incoming.pack')
    await craftedPack(incoming, Buffer.alloc(3 << 20, 'a'), 3 << 20)
    const stored = await storePack(gitdir, incoming, limits, none)
    expect(stored?.objects).toBe(1)
    await runGit(['index-pack', '-o', join(root, 'honest.idx'), stored!.pack], root)
    expect(await readFile(stored!.pack.replace(/\.pack$/, '.idx'))).toEqual(await readFile(join(root, 'honest.idx')))
  })
})
