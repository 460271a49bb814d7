// Parity with the official SIMMC scripts: every subtask-1, 2-retrieval and 3 entry of
// ../shared/parity/reference.json (both domains, four teams, with and without single round).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ScoreOptions, ScoreResult } from '../../src/shared/scoring'
import { scoreApiPrediction } from '../../src/main/scoring/simmc-st1'
import { scoreRetrieval } from '../../src/main/scoring/simmc-st2-retrieval'
import { scoreDst } from '../../src/main/scoring/simmc-st3'

// test/unit -> repo root (/work/main) -> sibling shared/ (/work/shared)
const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'parity')
const TOLERANCE = 1e-9

interface ReferenceEntry {
  domain: string
  team: string
  subtask: string
  single_round_evaluation?: boolean
  metrics: Record<string, number>
  stderr?: Record<string, number>
}

const reference = JSON.parse(readFileSync(join(SHARED, 'reference.json'), 'utf8')) as ReferenceEntry[]
const read = (...parts: string[]) => readFileSync(join(SHARED, 'cases', ...parts), 'utf8')

type Scorer = (gold: string, pred: string, opts: ScoreOptions) => ScoreResult
const SUBTASKS: Record<string, { gold: string; pred: string; score: Scorer }> = {
  '1': { gold: 'gold_api_calls.json', pred: 'subtask-1.json', score: scoreApiPrediction },
  '2-retrieval': { gold: 'gold_retrieval_candidates.json', pred: 'subtask-2-retrieval.json', score: scoreRetrieval },
  '3': { gold: 'gold_dst.txt', pred: 'subtask-3.txt', score: scoreDst }
}

/** reference.json keeps the DST std errors inside metrics as `<name>_stderr`. */
function expected(entry: ReferenceEntry): { metrics: Record<string, number>; stderr: Record<string, number> } {
  const metrics: Record<string, number> = {}
  const stderr: Record<string, number> = { ...entry.stderr }
  for (const [k, v] of Object.entries(entry.metrics)) {
    if (k.endsWith('_stderr')) stderr[k.slice(0, -'_stderr'.length)] = v
    else metrics[k] = v
  }
  return { metrics, stderr }
}

const entries = reference.filter((e) => e.subtask in SUBTASKS)

describe('SIMMC parity with reference.json', () => {
  it('covers subtasks 1, 2-retrieval and 3 for both domains, all teams, both modes', () => {
    expect(entries.filter((e) => e.subtask === '1')).toHaveLength(16)
    expect(entries.filter((e) => e.subtask === '2-retrieval')).toHaveLength(16)
    expect(entries.filter((e) => e.subtask === '3')).toHaveLength(8)
  })

  it.each(
    entries.map((e) => [`${e.domain} ${e.team} subtask ${e.subtask}${e.single_round_evaluation ? ' single-round' : ''}`, e] as const)
  )('%s', (_name, entry) => {
    const task = SUBTASKS[entry.subtask]!
    const result = task.score(read(entry.domain, task.gold), read(entry.domain, entry.team, task.pred), {
      singleRound: entry.single_round_evaluation ?? false,
      goldName: task.gold,
      predName: task.pred
    })
    const want = expected(entry)
    for (const [kind, values] of Object.entries(want)) {
      for (const [key, value] of Object.entries(values)) {
        const got = (result as unknown as Record<string, Record<string, number>>)[kind]![key]
        expect(got, `${kind}.${key}`).toBeTypeOf('number')
        expect(Math.abs(got! - value), `${kind}.${key}: got ${got}, want ${value}`).toBeLessThanOrEqual(TOLERANCE)
      }
    }
    expect(Object.keys(result.stderr).sort()).toEqual(Object.keys(want.stderr).sort())
    // The official script ran on every case: no "would fail here" note, no duplicate.
    expect(result.warnings).toBeUndefined()
  })
})
