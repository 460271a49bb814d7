// ConvAI2 F1: unigram overlap between the generated reply and the gold reply, as ParlAI
// computes it (parlai/core/metrics.py: normalize_answer, _prec_recall_f1_score, _f1_score),
// which is what the ConvAI2 leaderboard reports (there in percent; here as a fraction).
//
// Official definition, and ours:
// - normalize_answer(s): s.lower(); every ASCII punctuation character
//   !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ (the class re_punc) becomes a space; the articles
//   `a`, `an`, `the` matched as whole words (re_art = \b(a|an|the)\b) become a space;
//   whitespace runs collapse (' '.join(s.split())). Tokens = the result split on whitespace.
//   Python details kept exactly: `\b` is Unicode-aware (a word character is a letter, a
//   number or `_`, so the `a` of "éa" is not a word of its own, but one followed by a
//   combining mark is) and str.split() splits on Python's whitespace set (which includes
//   \x1c-\x1f and \x85 but not U+FEFF, unlike JavaScript's \s). Lowercasing is the full
//   Unicode mapping in both languages.
// - _prec_recall_f1_score(pred, gold): common = multiset intersection of the token lists
//   (Counter(gold) & Counter(pred)), num_same = its size; num_same == 0 → (0, 0, 0);
//   precision = num_same / |pred|, recall = num_same / |gold|, F1 = 2PR / (P + R).
// - _f1_score(guess, answers) = max over the references of that F1.
// - Reported F1 = mean over examples; std error = population std / sqrt(n), as SIMMC's.
// Examples whose id has no prediction are skipped and show in `coverage` (as SIMMC).

import type { ExampleResult, ScoreOptions, ScoreResult } from '../../shared/scoring'
import { inGoldOrder, need, readGold, readPredictions } from './convai2-format'
import { runningMean, stdError } from './stats'

/** re_punc of ParlAI: exactly Python's string.punctuation. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g
/** re_art = \b(a|an|the)\b with Python's Unicode word characters (letters, numbers, `_`). */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu
/** What Python's str.split() with no argument splits on (str.isspace), control separators included. */
// eslint-disable-next-line no-control-regex
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/** ParlAI's normalize_answer. */
export function normalizeAnswer(s: string): string {
  const spaced = s.toLowerCase().replace(PUNCTUATION, ' ').replace(ARTICLES, ' ')
  return pySplit(spaced).join(' ')
}

/** normalize_answer(s).split(). */
export function answerTokens(s: string): string[] {
  return pySplit(normalizeAnswer(s))
}

function pySplit(s: string): string[] {
  return s.split(PY_WHITESPACE).filter((t) => t !== '')
}

export interface PrecisionRecallF1 {
  precision: number
  recall: number
  f1: number
}

/** ParlAI's _prec_recall_f1_score on two token lists (multiset overlap). */
export function precisionRecallF1(pred: readonly string[], gold: readonly string[]): PrecisionRecallF1 {
  const goldCounts = new Map<string, number>()
  for (const t of gold) goldCounts.set(t, (goldCounts.get(t) ?? 0) + 1)
  let same = 0
  for (const t of pred) {
    const left = goldCounts.get(t) ?? 0
    if (left > 0) {
      same++
      goldCounts.set(t, left - 1)
    }
  }
  if (same === 0) return { precision: 0, recall: 0, f1: 0 }
  const precision = same / pred.length
  const recall = same / gold.length
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) }
}

/** ParlAI's _f1_score: the best F1 over the references; `best` is the first reference reaching it. */
export function maxF1(guess: string, references: readonly string[]): PrecisionRecallF1 & { best: number } {
  if (references.length === 0) throw new RangeError('maxF1: no references')
  const tokens = answerTokens(guess)
  let out: PrecisionRecallF1 & { best: number } = { precision: 0, recall: 0, f1: -1, best: 0 }
  references.forEach((ref, i) => {
    const s = precisionRecallF1(tokens, answerTokens(ref))
    if (s.f1 > out.f1) out = { ...s, best: i }
  })
  return out
}

export function scoreConvai2F1(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  const gold = readGold(goldText, opts.goldName)
  const predictions = readPredictions(predText, opts.predName, gold)
  need('convai2-f1', gold, predictions, opts.predName)
  const scores: number[] = []
  const examples: ExampleResult[] = []
  for (const p of inGoldOrder(predictions)) {
    const references = p.gold.references!
    const s = maxF1(p.response!, references)
    scores.push(s.f1)
    examples.push({
      dialogId: p.gold.dialogId,
      turn: p.gold.turn,
      gold: references[s.best]!,
      prediction: p.response!,
      score: s.f1,
      detail: { precision: s.precision, recall: s.recall, reference: s.best, references: references.length }
    })
  }
  return {
    task: 'convai2-f1',
    n: scores.length,
    metrics: { f1: runningMean(scores) },
    stderr: { f1: stdError(scores) },
    coverage: { predicted: scores.length, total: gold.examples.length },
    examples
  }
}
