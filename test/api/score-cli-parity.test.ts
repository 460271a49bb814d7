// Every number of ../shared/parity/reference.json, reproduced through `npx podium score`.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/serve'

const run = promisify(execFile)
const PARITY = join(ROOT, '..', 'shared', 'parity')

interface ReferenceEntry {
  domain: string
  team: string
  subtask: '1' | '2-generation' | '2-retrieval' | '3'
  single_round_evaluation?: boolean
  metrics: Record<string, number>
  stderr?: Record<string, number>
}

const reference = JSON.parse(readFileSync(join(PARITY, 'reference.json'), 'utf8')) as ReferenceEntry[]

const FILES: Record<ReferenceEntry['subtask'], { task: string; gold: string; pred: string }> = {
  '1': { task: 'simmc-st1', gold: 'gold_api_calls.json', pred: 'subtask-1.json' },
  '2-generation': { task: 'simmc-st2-generation', gold: 'gold_dials.json', pred: 'subtask-2-generation.json' },
  '2-retrieval': { task: 'simmc-st2-retrieval', gold: 'gold_retrieval_candidates.json', pred: 'subtask-2-retrieval.json' },
  '3': { task: 'simmc-st3', gold: 'gold_dst.txt', pred: 'subtask-3.txt' }
}

/** reference.json keeps the DST std errors inside `metrics` as `<name>_stderr`. */
function expected(entry: ReferenceEntry) {
  const metrics: Record<string, number> = {}
  const stderr: Record<string, number> = { ...(entry.stderr ?? {}) }
  for (const [key, value] of Object.entries(entry.metrics)) {
    if (key.endsWith('_stderr')) stderr[key.slice(0, -'_stderr'.length)] = value
    else metrics[key] = value
  }
  return { metrics, stderr }
}

describe('podium score reproduces the official scripts', () => {
  it('has all 56 reference cases', () => expect(reference).toHaveLength(56))

  it.each(reference.map((e) => [`${e.domain}/${e.team} subtask ${e.subtask}${e.single_round_evaluation ? ' single-round' : ''}`, e]))(
    '%s',
    async (_name, entry) => {
      const files = FILES[entry.subtask]
      const dir = join(PARITY, 'cases', entry.domain)
      const args = [
        join(ROOT, 'bin', 'podium.js'),
        'score',
        '--task',
        files.task,
        '--gold',
        join(dir, files.gold),
        '--pred',
        join(dir, entry.team, files.pred),
        '--json'
      ]
      if (entry.single_round_evaluation) args.push('--single-round')
      const { stdout } = await run(process.execPath, args)
      const output = JSON.parse(stdout) as {
        task: string
        n: number
        metrics: Record<string, number>
        stderr: Record<string, number>
        warnings: unknown[]
      }
      const want = expected(entry)
      expect(output.task).toBe(files.task)
      expect(output.warnings).toEqual([])
      expect(Object.keys(output.metrics).sort()).toEqual(Object.keys(want.metrics).sort())
      for (const [key, value] of Object.entries(want.metrics)) expect(Math.abs(output.metrics[key]! - value), key).toBeLessThanOrEqual(1e-9)
      for (const [key, value] of Object.entries(want.stderr))
        expect(Math.abs(output.stderr[key]! - value), `stderr ${key}`).toBeLessThanOrEqual(1e-9)
    }
  )
})
