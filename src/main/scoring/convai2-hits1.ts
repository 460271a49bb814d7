// ConvAI2 Hits@1: the share of examples where the model ranks the gold reply first among the
// 20 candidates (the gold reply and 19 distractors), reported on the leaderboard in percent,
// here as a fraction.
//
// Official definition (ParlAI, Metrics._update_ranking_metrics): the agent returns its
// candidates sorted best first; hits@1 = 1 when the first one, after normalize_answer, equals
// a label. Teams here give one score per candidate instead (higher = better), so the order
// must be derived from the scores and ties need a rule. Ours, conservative:
// - the "gold group" is the gold candidate plus any candidate whose normalize_answer text
//   equals the gold's (ParlAI compares texts, so a verbatim copy of the gold reply among the
//   distractors is indistinguishable from it);
// - hit = 1 iff the best score in the gold group is STRICTLY higher than every other
//   candidate's score. A tie between the gold and a distractor at the top is a miss
//   (unlike SIMMC retrieval, where ties rank in the gold's favour), so a constant score
//   vector never earns a hit.
// Reported Hits@1 = mean over examples; std error = population std / sqrt(n) (as SIMMC).
// Examples whose id has no prediction are skipped and show in `coverage`.

import type { ExampleResult, ScoreOptions, ScoreResult } from '../../shared/scoring'
import { normalizeAnswer } from './convai2-f1'
import { inGoldOrder, need, readGold, readPredictions } from './convai2-format'
import { runningMean, stdError } from './stats'

export interface HitAt1 {
  hit: boolean
  /** Best score within the gold group. */
  goldScore: number
  /** Best score outside the gold group (-Infinity when every candidate is in it). */
  bestOther: number
  /** Index of the best non-gold candidate (-1 when none), first on ties. */
  bestOtherIndex: number
  /** How many non-gold candidates score exactly goldScore. */
  tiedWithGold: number
}

/**
 * Hits@1 of one example. `inGoldGroup[i]` marks candidates equivalent to the gold one;
 * when omitted only `goldIndex` is.
 */
export function hitAt1(scores: readonly number[], goldIndex: number, inGoldGroup?: readonly boolean[]): HitAt1 {
  if (goldIndex < 0 || goldIndex >= scores.length) throw new RangeError(`hitAt1: gold index ${goldIndex} out of range`)
  const isGold = (i: number): boolean => i === goldIndex || inGoldGroup?.[i] === true
  let goldScore = -Infinity
  let bestOther = -Infinity
  let bestOtherIndex = -1
  scores.forEach((s, i) => {
    if (isGold(i)) goldScore = Math.max(goldScore, s)
    else if (s > bestOther) {
      bestOther = s
      bestOtherIndex = i
    }
  })
  let tiedWithGold = 0
  scores.forEach((s, i) => {
    if (!isGold(i) && s === goldScore) tiedWithGold++
  })
  return { hit: goldScore > bestOther, goldScore, bestOther, bestOtherIndex, tiedWithGold }
}

/** Candidates whose normalized text equals the gold candidate's. */
export function goldGroup(candidates: readonly string[], goldIndex: number): boolean[] {
  const gold = normalizeAnswer(candidates[goldIndex]!)
  return candidates.map((c, i) => i === goldIndex || normalizeAnswer(c) === gold)
}

export function scoreConvai2Hits1(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  const gold = readGold(goldText, opts.goldName)
  const predictions = readPredictions(predText, opts.predName, gold)
  need('convai2-hits1', gold, predictions, opts.predName)
  const hits: number[] = []
  const examples: ExampleResult[] = []
  for (const p of inGoldOrder(predictions)) {
    const candidates = p.gold.candidates!
    const goldIndex = p.gold.goldIndex!
    const group = goldGroup(candidates, goldIndex)
    const h = hitAt1(p.candidateScores!, goldIndex, group)
    hits.push(h.hit ? 1 : 0)
    const top = h.hit ? goldIndex : h.bestOtherIndex
    examples.push({
      dialogId: p.gold.dialogId,
      turn: p.gold.turn,
      gold: candidates[goldIndex]!,
      prediction: candidates[top]!,
      score: h.hit ? 1 : 0,
      detail: {
        goldIndex,
        topIndex: top,
        goldScore: h.goldScore,
        bestOtherScore: h.bestOther,
        tiedWithGold: h.tiedWithGold,
        goldGroupSize: group.filter(Boolean).length
      }
    })
  }
  return {
    task: 'convai2-hits1',
    n: hits.length,
    metrics: { hits1: runningMean(hits) },
    stderr: { hits1: stdError(hits) },
    coverage: { predicted: hits.length, total: gold.examples.length },
    examples
  }
}
