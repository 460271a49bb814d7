// Bounded memory (issue 10 item 5): object sizes come from git headers (loose objects, pack entries,
// deltas) before any blob is read, and an oversized prediction file is refused by name and size
// without being read. Real repositories written by git, served by `git http-backend`.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { checkRepo } from '../../src/main/intake/check-repo'
import { readObjectHeader } from '../../src/main/intake/object-size'
import { buildRepo, runGit, type BuiltRepo } from '../../src/main/intake/repo-builder'
import { requiredFilePatterns } from '../../src/main/services/prediction-files'
import { simmcChallengeConfig } from '../../src/shared/simmc'
import { DEADLINE, entry, NOW, PREDICTIONS, TAG, weights } from '../helpers/fixture-repos'
import { startGitServer, type GitServer } from '../helpers/git-http-server'

const BIG = 'predictions/dstc9-simmc-teststd-furniture-subtask-1.json'
const WHITESPACE = ' '.repeat(3 * 1024 * 1024)
const text = (n: number, seed: number): string => Array.from({ length: n }, (_, i) => `line ${i} of run ${seed < 2 ? 1 : i % 7}`).join('\n')

let root: string
let server: GitServer
let packed: BuiltRepo
let loose: BuiltRepo

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podium-size-'))
  await mkdir(join(root, 'served'))
  const steps = entry({ predictions: { ...PREDICTIONS, [BIG]: WHITESPACE } })
  // Two near-identical large texts in successive commits: git stores the second as a delta.
  steps.splice(1, 0, { message: 'notes v1', date: '2020-08-02T10:00:00Z', files: { 'notes.txt': text(20000, 1) } })
  steps.splice(2, 0, {
    message: 'notes v2',
    date: '2020-08-03T10:00:00Z',
    files: { 'notes.txt': `${text(20000, 1)}\nmore\n`, 'w.bin': weights(70000) }
  })
  packed = await buildRepo(join(root, 'served', 'big.git'), { commits: steps, bare: true })
  // A local mirror keeps loose objects; a server's repository is packed, with deltas.
  await runGit(['repack', '-a', '-d', '-f', '-q'], packed.dir)
  loose = await buildRepo(join(root, 'loose'), { commits: steps.slice(0, 3), bare: false })
  server = await startGitServer(join(root, 'served'))
})

afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

async function expectSizesLikeGit(dir: string, gitdir: string): Promise<string[]> {
  const oids = (await runGit(['rev-list', '--objects', '--all'], dir)).split('\n').map((l) => l.slice(0, 40))
  const types: string[] = []
  const key = {}
  for (const oid of oids) {
    const header = await readObjectHeader(gitdir, oid, key)
    expect(header?.size, oid).toBe(Number(await runGit(['cat-file', '-s', oid], dir)))
    types.push(header!.type)
  }
  return types
}

describe('object sizes from headers', () => {
  it('match git cat-file -s for every packed object, deltas included', async () => {
    const types = await expectSizesLikeGit(packed.dir, packed.dir)
    expect(types).toContain('delta')
    expect(types).toContain('blob')
  })

  it('match git cat-file -s for loose objects', async () => {
    const types = await expectSizesLikeGit(loose.dir, join(loose.dir, '.git'))
    expect(new Set(types)).toEqual(new Set(['commit', 'tree', 'blob']))
  })

  it('an absent object has no header', async () => {
    expect(await readObjectHeader(packed.dir, '0123456789abcdef0123456789abcdef01234567', {})).toBeNull()
  })
})

describe('an oversized prediction file', () => {
  it('is refused by name and size, and never read', async () => {
    const readBlob = vi.spyOn(git, 'readBlob')
    const SIMMC = simmcChallengeConfig('')
    try {
      const r = await checkRepo({
        repo: `${server.url}/big.git`,
        tag: TAG,
        deadline: DEADLINE,
        predictionsRef: 'main',
        workDir: join(root, 'work'),
        now: NOW,
        modelGlobs: SIMMC.modelGlobs,
        requiredFiles: requiredFilePatterns(SIMMC),
        required: 'any',
        limits: { retryBaseMs: 10, maxPredictionBytes: 1024 * 1024 },
        validatePrediction: () => null
      })
      expect(r.problems.filter((p) => p.code === 'INVALID_PREDICTION_FILE')).toEqual([
        {
          code: 'INVALID_PREDICTION_FILE',
          severity: 'error',
          message: `Prediction file ${BIG} is 3,145,728 bytes, over the limit of 1,048,576 bytes; it was not read.`,
          path: BIG
        }
      ])
      const bigOid = await runGit(['rev-parse', `main:${BIG}`], packed.dir)
      const read = readBlob.mock.calls.map(([args]) => args.oid)
      expect(read.length).toBeGreaterThan(0)
      expect(read).not.toContain(bigOid)
    } finally {
      readBlob.mockRestore()
    }
  })
})
