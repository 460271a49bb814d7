// Parity with the official SIMMC response_evaluation.py (reference.json was produced by it).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { scoreGeneration } from '../../src/main/scoring/simmc-st2-generation'

const SHARED = path.resolve(__dirname, '../../../shared/parity')
const MODEL = loadPunktModel(path.resolve(__dirname, '../../resources/nltk-punkt-english'))

interface ReferenceEntry {
  domain: string
  team: string
  single_round_evaluation?: boolean
  subtask: string
  metrics: Record<string, number>
  stderr?: Record<string, number>
}

const reference = JSON.parse(readFileSync(path.join(SHARED, 'reference.json'), 'utf8')) as ReferenceEntry[]
const entries = reference.filter((e) => e.subtask === '2-generation')

describe('SIMMC subtask-2 generation parity with the official script', () => {
  it('covers both domains, four teams, single round on and off', () => {
    expect(entries).toHaveLength(16)
  })

  it.each(entries.map((e) => [`${e.domain}/${e.team} single_round=${e.single_round_evaluation}`, e] as const))(
    '%s',
    (_name, entry) => {
      const caseDir = path.join(SHARED, 'cases', entry.domain)
      const result = scoreGeneration(
        readFileSync(path.join(caseDir, 'gold_dials.json'), 'utf8'),
        readFileSync(path.join(caseDir, entry.team, 'subtask-2-generation.json'), 'utf8'),
        { singleRound: entry.single_round_evaluation === true, goldName: 'gold_dials.json', predName: 'subtask-2-generation.json' },
        MODEL
      )
      expect(Math.abs(result.metrics.bleu! - entry.metrics.bleu!)).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(result.stderr.bleu! - entry.stderr!.bleu!)).toBeLessThanOrEqual(1e-9)
      expect(result.coverage.predicted).toBe(result.coverage.total)
    }
  )
})
