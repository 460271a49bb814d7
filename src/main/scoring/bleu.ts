// Sentence-level BLEU-4 exactly as nltk computes
// `sentence_bleu(references, hypothesis, weights=(0.25,)*4,
//                smoothing_function=SmoothingFunction().method1)`. Pure.

import { exactExp, exactLog } from './exact-math'

const MAX_ORDER = 4
const WEIGHT = 1 / MAX_ORDER
/** SmoothingFunction's default epsilon for method1. */
const EPSILON = 0.1

/** Unambiguous key of tokens[start, start + n): length-prefixed, so no separator can collide. */
function ngramKey(tokens: readonly string[], start: number, n: number): string {
  let key = ''
  for (let i = start; i < start + n; i++) key += `${tokens[i]!.length}:${tokens[i]!}`
  return key
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = ngramKey(tokens, i, n)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Up to this many tokens a sentence's n-grams are compared in place; longer ones are counted in Maps. */
const SCAN_LIMIT = 64

/**
 * nltk's modified_precision as an unreduced fraction: hypothesis n-gram counts
 * clipped by their maximum count in any reference, over max(1, hypothesis n-grams).
 */
function modifiedPrecision(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  n: number
): { numerator: number; denominator: number } {
  const total = Math.max(0, hypothesis.length - n + 1)
  const short = hypothesis.length <= SCAN_LIMIT && references.every((ref) => ref.length <= SCAN_LIMIT)
  return {
    numerator: short ? clippedMatchesByScan(references, hypothesis, n) : clippedMatches(references, hypothesis, n),
    denominator: Math.max(1, total)
  }
}

/** Clipped n-gram matches counted in Maps (any length). */
export function clippedMatches(references: readonly (readonly string[])[], hypothesis: readonly string[], n: number): number {
  const counts = ngramCounts(hypothesis, n)
  const refCounts = references.map((ref) => ngramCounts(ref, n))
  let numerator = 0
  for (const [ngram, count] of counts) {
    let maxRef = 0
    for (const rc of refCounts) maxRef = Math.max(maxRef, rc.get(ngram) ?? 0)
    numerator += Math.min(count, maxRef)
  }
  return numerator
}

/** The same sum for short sentences, by comparing tokens in place: no n-gram keys or Maps to allocate. */
export function clippedMatchesByScan(references: readonly (readonly string[])[], hypothesis: readonly string[], n: number): number {
  let numerator = 0
  for (let i = 0; i + n <= hypothesis.length; i++) {
    if (occurrences(hypothesis, i, hypothesis, n, i) > 0) continue // counted at its first occurrence
    const count = occurrences(hypothesis, i, hypothesis, n, hypothesis.length)
    let maxRef = 0
    for (const ref of references) maxRef = Math.max(maxRef, occurrences(hypothesis, i, ref, n, ref.length))
    numerator += Math.min(count, maxRef)
  }
  return numerator
}

/** How often tokens[at, at + n) occurs in `sentence` at a start before `end`. */
function occurrences(tokens: readonly string[], at: number, sentence: readonly string[], n: number, end: number): number {
  let found = 0
  for (let j = 0; j < end && j + n <= sentence.length; j++) {
    let k = 0
    while (k < n && sentence[j + k] === tokens[at + k]) k++
    if (k === n) found++
  }
  return found
}

/** Length of the reference closest to the hypothesis length; ties go to the shorter one. */
function closestRefLength(references: readonly (readonly string[])[], hypLen: number): number {
  let best = references[0]!.length
  for (const ref of references) {
    const r = ref.length
    const d = Math.abs(r - hypLen)
    const bd = Math.abs(best - hypLen)
    if (d < bd || (d === bd && r < best)) best = r
  }
  return best
}

function brevityPenalty(closestRefLen: number, hypLen: number): number {
  if (hypLen > closestRefLen) return 1
  if (hypLen === 0) return 0
  return exactExp(1 - closestRefLen / hypLen)
}

/**
 * Python's math.fsum: the correctly rounded sum (Shewchuk's exact partials,
 * then round-half-even on the final step), so the log-sum matches nltk's bit for bit.
 */
export function fsum(values: readonly number[]): number {
  const partials: number[] = []
  for (let x of values) {
    let i = 0
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
      const hi = x + y
      const lo = y - (hi - x)
      if (lo !== 0) partials[i++] = lo
      x = hi
    }
    partials.length = i
    partials.push(x)
  }
  let n = partials.length
  if (n === 0) return 0
  let hi = partials[--n]!
  let lo = 0
  while (n > 0) {
    const x = hi
    const y = partials[--n]!
    hi = x + y
    lo = y - (hi - x)
    if (lo !== 0) break
  }
  // Half-way case: the remaining partials decide the rounding direction.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2
    const x = hi + y
    if (y === x - hi) hi = x
  }
  return hi
}

/**
 * Sentence BLEU-4 with Chen & Cherry smoothing method 1, as nltk:
 *
 *   p_n  = clipped matching n-grams / max(1, hypothesis n-grams)     (n = 1..4)
 *   p_n  = 0.1 / max(1, hypothesis n-grams)   when no n-gram matches (method1)
 *   BP   = 1 if c > r, 0 if c = 0, else exp(1 - r / c)
 *          (c = hypothesis length, r = closest reference length, ties -> shorter)
 *   BLEU = BP * exp(fsum(0.25 * ln p_n))
 *
 * and 0 when no unigram matches at all (this covers an empty hypothesis or
 * reference). A hypothesis shorter than n has no n-grams, so p_n = 0.1 / 1:
 * a perfect one-word answer scores exp(0.75 * ln 0.1) ~ 0.178, as in nltk.
 * The numerator/denominator are kept unreduced, as nltk's Fraction(_normalize=False),
 * so the epsilon is divided by the real n-gram count. exp and ln are rounded
 * correctly, like the glibc functions CPython calls (V8's are sometimes one ulp off).
 */
export function sentenceBleu(references: string[][], hypothesis: string[]): number {
  if (references.length === 0) throw new Error('sentenceBleu: at least one reference is required')
  const precisions = []
  for (let n = 1; n <= MAX_ORDER; n++) precisions.push(modifiedPrecision(references, hypothesis, n))
  if (precisions[0]!.numerator === 0) return 0

  const bp = brevityPenalty(closestRefLength(references, hypothesis.length), hypothesis.length)
  const logs = precisions.map(({ numerator, denominator }) => {
    const p = numerator === 0 ? (numerator + EPSILON) / denominator : numerator / denominator
    return WEIGHT * exactLog(p)
  })
  return bp * exactExp(fsum(logs))
}
