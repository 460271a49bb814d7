// `podium score` refuses inputs it cannot read safely (devices, files over the size limit) by their
// size or kind, before reading them: one line, exit 2, never a process growing to gigabytes.
import { execFile } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ROOT } from '../helpers/serve'

const exec = promisify(execFile)
const GOLD = join(ROOT, '..', 'shared', 'parity', 'cases', 'fashion', 'gold_api_calls.json')

async function score(pred: string, env: Record<string, string> = {}, gold = GOLD) {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [CLI, 'score', '--task', 'simmc-st1', '--gold', gold, '--pred', pred, '--json'],
      {
        env: { ...process.env, ...env }
      }
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string }
  }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-limits-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('podium score: input size and kind', () => {
  it('refuses /dev/zero as not a regular file', async () => {
    const result = await score('/dev/zero')
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('podium: /dev/zero: cannot read the prediction file: not a regular file (a device, pipe or socket)\n')
  })

  it('refuses a 300 MB prediction file by its size, without reading it', async () => {
    // Sparse: 300 MB long, no disk space used.
    const huge = join(dir, 'huge.json')
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, 300 * 1024 * 1024)
    closeSync(fd)
    const result = await score(huge)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`podium: ${huge}: the prediction file is 300 MB, over the 256 MB limit (PODIUM_MAX_INPUT_MB)\n`)
  })

  it('the limit applies to the gold file too and can be changed', async () => {
    const result = await score(GOLD, { PODIUM_MAX_INPUT_MB: '0.01' })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^podium: .*gold_api_calls\.json: the gold file is [\d.]+ KB, over the 10\.2 KB limit \(PODIUM_MAX_INPUT_MB\)\n$/
    )
  })
})
