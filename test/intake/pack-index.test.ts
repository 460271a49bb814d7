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
  server = await startGitServer(join(root, 'served'))
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

async function fetchInto(name: string, limits: Partial<typeof DEFAULT_LIMITS>): Promise<Awaited<ReturnType<typeof fetchRepository>>> {
  return fetchRepository({
    repo: `${server.url}/repo.git`,
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

  it('refuses an object too large to rebuild from its delta with REPO_TOO_LARGE', async () => {
    // Over the repository cap (300 kB), notes.txt (400 kB, one version a delta) is not rebuilt at all.
    const r = await fetchInto('too-large', { maxBytes: 300_000, maxPredictionBytes: 100_000 })
    expect(r.ok).toBe(false)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.code).toBe('REPO_TOO_LARGE')
    expect(r.problems[0]!.message).toMatch(
      new RegExp(
        `^Repository ${server.url}/repo.git holds an object of \\d{3},\\d{3} bytes stored as a git delta, over the limit of 300,000 bytes; the repository was not read\\.$`
      )
    )
  })
})

/** A one-blob pack whose entry header claims `claimed` bytes for `content`. */
async function craftedPack(path: string, content: Buffer, claimed: number): Promise<void> {
  const head = Buffer.alloc(12)
  head.write('PACK', 0, 'latin1')
  head.writeUInt32BE(2, 4)
  head.writeUInt32BE(1, 8)
  // Type 3 (blob); size in 4 + 7-bit groups.
  const sizeBytes = [0x80 | (3 << 4) | (claimed & 15)]
  for (let rest = Math.floor(claimed / 16); rest > 0; rest = Math.floor(rest / 128))
    sizeBytes.push((rest & 0x7f) | (rest >= 128 ? 0x80 : 0))
  if (sizeBytes.length === 1) sizeBytes[0]! &= 0x7f
  const body = Buffer.concat([head, Buffer.from(sizeBytes), deflateSync(content)])
  await writeFile(path, Buffer.concat([body, createHash('sha1').update(body).digest()]))
}

describe('a hostile pack', () => {
  const limits = { memory: 1 << 20, delta: 1 << 20, disk: 1 << 30 }
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
