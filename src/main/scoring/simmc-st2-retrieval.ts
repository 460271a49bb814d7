// SIMMC (DSTC9) subtask 2, response retrieval.
// Reproduces mm_action_prediction/tools/retrieval_evaluation.py (final DSTC9 version, with
// --compute_std_err and --single_round_evaluation); each formula notes the official definition.
import { distinctTurns, duplicateWarning, keepScored, readGoldDialogs, readPredictedTurns } from './simmc-dialogs'
import type { ExampleResult, ScoreOptions, ScoreResult } from '../../shared/scoring'
import { Loc, arrayField, asObject, finiteNumberArrayField, integerField, parseJson } from './json-input'
import { mean, stdError } from './stats'

interface GoldRound {
  gtIndex: number
  candidates: number
  /** The gold candidate's text, from the file's `system_transcript_pool` when it has one. */
  goldText: string | null
}

interface GoldDialog {
  id: number | string
  rounds: GoldRound[]
}

/**
 * {system_transcript_pool?, retrieval_candidates: [{dialogue_idx, retrieval_candidates: [{gt_index,
 * retrieval_candidates}]}]}. The candidates are indices into the pool; the pool only gives the
 * gold its text for error analysis (the official script never reads it).
 */
function readGold(text: string, file: string): Map<string, GoldDialog> {
  const root = new Loc(file)
  const top = asObject(parseJson(text, file), root, 'an object with "retrieval_candidates"')
  const list = arrayField(top, 'retrieval_candidates', root)
  const pool = Array.isArray(top['system_transcript_pool']) ? (top['system_transcript_pool'] as unknown[]) : []
  return readGoldDialogs(list, root.at('retrieval_candidates'), 'dialogue_idx', 'retrieval_candidates', (round, loc) => {
    const ids = arrayField(round, 'retrieval_candidates', loc)
    const candidates = ids.length
    const gtIndex = integerField(round, 'gt_index', loc)
    if (gtIndex < 0 || gtIndex >= candidates) throw loc.at('gt_index').error(`out of range (${candidates} candidates)`)
    const poolId = ids[gtIndex]
    const goldText = typeof poolId === 'number' && typeof pool[poolId] === 'string' ? (pool[poolId] as string) : null
    return { gtIndex, candidates, goldText }
  })
}

/** [{dialog_id, candidate_scores: [{turn_id, scores: [...]}]}]; every turn is validated. */
function readPredictions(text: string, file: string, gold: Map<string, GoldDialog>, goldName: string) {
  // Official: round_id = round_datum["turn_id"] indexes the gold rounds by position.
  return readPredictedTurns(text, file, gold, goldName, 'candidate_scores', (pred, pLoc, dialog, turn) => {
    const round = dialog.rounds[turn]!
    const scores = finiteNumberArrayField(pred, 'scores', pLoc)
    if (scores.length !== round.candidates) {
      throw pLoc.at('scores').error(`expected ${round.candidates} scores (one per candidate in ${goldName}), got ${scores.length}`)
    }
    return { scores }
  })
}

/** Official: rank = np.sum(scores > scores[gt_index]) + 1 (ties rank in the gold's favour). */
export function goldRank(scores: readonly number[], gtIndex: number): number {
  const gt = scores[gtIndex]!
  let higher = 0
  for (const s of scores) if (s > gt) higher++
  return higher + 1
}

export function scoreRetrieval(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  const gold = readGold(goldText, opts.goldName)
  const preds = readPredictions(predText, opts.predName, gold, opts.goldName)
  const ranks: number[] = []
  const examples: ExampleResult[] = []
  // Official: every prediction round in file order (a duplicate is ranked twice);
  // --single_round_evaluation: only the last gold round of each dialog.
  const scored = keepScored(preds, opts.singleRound, opts.predName)
  for (const pred of scored) {
    const g = pred.dialog
    const turn = pred.turn
    const round = g.rounds[turn]!
    const rank = goldRank(pred.scores, round.gtIndex)
    ranks.push(rank)
    examples.push({
      dialogId: String(g.id),
      turn,
      gold: round.goldText ?? `candidate ${round.gtIndex}`,
      prediction: `rank ${rank} of ${round.candidates}`,
      score: 1 / rank,
      detail: { rank, gtIndex: round.gtIndex, candidates: round.candidates }
    })
  }
  let total = 0
  for (const g of gold.values()) total += opts.singleRound ? Math.min(1, g.rounds.length) : g.rounds.length
  // Official: r@k = mean(rank <= k), mean = mean(rank), mrr = mean(1 / rank);
  // std errors = np.std(x) / sqrt(n) of the same per-example arrays.
  const within = (k: number) => ranks.map((r) => (r <= k ? 1 : 0))
  const reciprocal = ranks.map((r) => 1 / r)
  const series: Record<string, number[]> = { r1: within(1), r5: within(5), r10: within(10), mean: ranks, mrr: reciprocal }
  const metrics: Record<string, number> = {}
  const stderr: Record<string, number> = {}
  for (const [name, xs] of Object.entries(series)) {
    metrics[name] = mean(xs)
    stderr[name] = stdError(xs)
  }
  const duplicates = duplicateWarning(scored)
  return {
    task: 'simmc-st2-retrieval',
    n: ranks.length,
    metrics,
    stderr,
    coverage: { predicted: distinctTurns(scored), total },
    examples,
    ...(duplicates ? { warnings: [duplicates] } : {})
  }
}
