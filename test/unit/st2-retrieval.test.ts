import { describe, expect, it } from 'vitest'
import { goldRank, scoreRetrieval } from '../../src/main/scoring/simmc-st2-retrieval'

const opts = { singleRound: false, goldName: 'gold_retrieval_candidates.json', predName: 'subtask-2-retrieval.json' }
const N = 12

const goldRound = (gt_index: number) => ({ gt_index, retrieval_candidates: Array.from({ length: N }, (_, i) => 100 + i) })
/** Scores where exactly `higher` candidates beat the gold one (index gt). */
function scoresWithRank(gt: number, higher: number): number[] {
  return Array.from({ length: N }, (_, i) => (i === gt ? 0 : i < higher + (i > gt ? 1 : 0) ? 1 : -1))
}

const gold = {
  retrieval_candidates: [
    { dialogue_idx: 7, retrieval_candidates: [goldRound(0), goldRound(3)] },
    { dialogue_idx: 8, retrieval_candidates: [goldRound(5), goldRound(11)] }
  ]
}
// ranks 1, 2, 7, 12
const predictions = [
  {
    dialog_id: 7,
    candidate_scores: [
      { turn_id: 0, scores: scoresWithRank(0, 0) },
      { turn_id: 1, scores: scoresWithRank(3, 1) }
    ]
  },
  {
    dialog_id: 8,
    candidate_scores: [
      { turn_id: 0, scores: scoresWithRank(5, 6) },
      { turn_id: 1, scores: scoresWithRank(11, 11) }
    ]
  }
]

const score = (p: unknown, singleRound = false) => scoreRetrieval(JSON.stringify(gold), JSON.stringify(p), { ...opts, singleRound })
const std = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b) / xs.length
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length)
}

describe('subtask 2 retrieval', () => {
  it('names the gold candidate by its text when the file has the system_transcript_pool (same numbers)', () => {
    const pool = Array.from({ length: 120 }, (_, i) => `response number ${i}`)
    const withPool = scoreRetrieval(JSON.stringify({ ...gold, system_transcript_pool: pool }), JSON.stringify(predictions), opts)
    // Dialog 7 turn 1: gt_index 3 → pool index 103.
    expect(withPool.examples[1]!.gold).toBe('response number 103')
    expect(withPool.metrics).toEqual(score(predictions).metrics)
  })

  it('rank = 1 + number of strictly higher scores: ties favour the gold candidate', () => {
    expect(goldRank([0.5, 0.9, 0.5, 0.1], 0)).toBe(2)
    expect(goldRank([0.5, 0.5, 0.5], 1)).toBe(1)
    expect(goldRank([-1, -2, 3], 1)).toBe(3)
  })

  it('R@1/5/10, mean rank, MRR and their std errors', () => {
    const r = score(predictions)
    expect(r.examples.map((e) => e.detail!.rank)).toEqual([1, 2, 7, 12])
    expect(r.metrics).toEqual({ r1: 0.25, r5: 0.5, r10: 0.75, mean: 5.5, mrr: (1 + 1 / 2 + 1 / 7 + 1 / 12) / 4 })
    expect(r.stderr.r1).toBeCloseTo(std([1, 0, 0, 0]) / 2, 15)
    expect(r.stderr.r10).toBeCloseTo(std([1, 1, 1, 0]) / 2, 15)
    expect(r.stderr.mean).toBeCloseTo(std([1, 2, 7, 12]) / 2, 15)
    expect(r.stderr.mrr).toBeCloseTo(std([1, 1 / 2, 1 / 7, 1 / 12]) / 2, 15)
    expect(r.examples[1]).toMatchObject({ dialogId: '7', turn: 1, score: 0.5, prediction: 'rank 2 of 12', gold: 'candidate 3' })
    expect(r.coverage).toEqual({ predicted: 4, total: 4 })
  })

  it('single round: last round of each dialog only', () => {
    const r = score(predictions, true)
    expect(r.examples.map((e) => e.detail!.rank)).toEqual([2, 12])
    expect(r.metrics.mean).toBe(7)
    expect(r.coverage).toEqual({ predicted: 2, total: 2 })
  })

  it('coverage with missing turns', () => {
    const r = score([predictions[1]])
    expect(r.n).toBe(2)
    expect(r.coverage).toEqual({ predicted: 2, total: 4 })
  })
})
