// Hand-computed nltk sentence_bleu(..., smoothing_function=method1) values.
import { describe, expect, it } from 'vitest'
import { clippedMatches, clippedMatchesByScan, fsum, sentenceBleu } from '../../src/main/scoring/bleu'

const w = (s: string): string[] => (s === '' ? [] : s.split(' '))
const geo = (...p: number[]): number =>
  Math.pow(
    p.reduce((a, b) => a * b, 1),
    1 / 4
  )

describe('sentenceBleu', () => {
  it('is 1 for an identical hypothesis of 4+ tokens', () => {
    expect(sentenceBleu([w('the cat is on the mat')], w('the cat is on the mat'))).toBeCloseTo(1, 15)
  })

  it('scores a typical hypothesis: p = 5/6, 3/5, 1/4, and 0.1/3 for no 4-gram match', () => {
    // 4-grams: 3 in the hypothesis, none matching -> method1 gives 0.1 / 3 (unreduced denominator).
    const expected = geo(5 / 6, 3 / 5, 1 / 4, 0.1 / 3)
    expect(sentenceBleu([w('the cat is on the mat')], w('the cat sat on the mat'))).toBeCloseTo(expected, 15)
  })

  it('divides the epsilon by the real n-gram count', () => {
    // Unigrams all match; 4 bigrams, 3 trigrams, 2 four-grams, none matching.
    const expected = geo(1, 0.1 / 4, 0.1 / 3, 0.1 / 2)
    expect(sentenceBleu([w('e d c b a')], w('a b c d e'))).toBeCloseTo(expected, 15)
  })

  it('short hypotheses: missing n-gram orders count as 0.1 / 1', () => {
    // A perfect one-word answer: p = 1, 0.1, 0.1, 0.1 -> 0.1^0.75.
    expect(sentenceBleu([w('see')], w('see'))).toBeCloseTo(Math.pow(0.1, 0.75), 15)
    expect(sentenceBleu([w('see')], w('see'))).toBeCloseTo(0.17782794100389226, 15)
    // Two words, perfect: p = 1, 1, 0.1, 0.1 -> 0.1^0.5.
    expect(sentenceBleu([w('blue sofa')], w('blue sofa'))).toBeCloseTo(Math.sqrt(0.1), 15)
  })

  it('applies the brevity penalty exp(1 - r/c) to a short hypothesis', () => {
    // c = 2, r = 6: BP = exp(-2); p = 1, 1, 0.1, 0.1.
    expect(sentenceBleu([w('the cat is on the mat')], w('the cat'))).toBeCloseTo(Math.exp(-2) * Math.sqrt(0.1), 15)
  })

  it('takes the closest reference length, the shorter one on a tie', () => {
    // Hypothesis length 5, references 4 and 6: r = 4, so no penalty (r = 6 would give exp(-0.2)).
    expect(sentenceBleu([w('a b c d'), w('a b c d e f')], w('a b c d e'))).toBe(1)
  })

  it('clips counts by the reference and takes the maximum over references', () => {
    expect(sentenceBleu([w('the cat')], w('the the the the'))).toBeCloseTo(geo(1 / 4, 0.1 / 3, 0.1 / 2, 0.1 / 1), 15)
    // With a second reference holding "the" twice, the unigram clip rises to 2.
    expect(sentenceBleu([w('the cat'), w('the the')], w('the the the the'))).toBeCloseTo(geo(2 / 4, 1 / 3, 0.1 / 2, 0.1 / 1), 15)
  })

  it('returns 0 without any unigram match, for an empty hypothesis or reference', () => {
    expect(sentenceBleu([w('a b c d')], w('e f g h'))).toBe(0)
    expect(sentenceBleu([w('a b c d')], [])).toBe(0)
    expect(sentenceBleu([[]], w('a b c d'))).toBe(0)
    expect(sentenceBleu([[]], [])).toBe(0)
  })

  it('does not confuse n-grams whose joined text collides', () => {
    expect(sentenceBleu([['a b', 'c']], ['a', 'b c'])).toBe(0)
  })

  it('needs at least one reference', () => {
    expect(() => sentenceBleu([], w('a'))).toThrow()
  })
})

describe('fsum (Python math.fsum)', () => {
  it('is exactly rounded', () => {
    expect(fsum([1e100, 1, -1e100])).toBe(1)
    expect(fsum(Array.from({ length: 10 }, () => 0.1))).toBe(1)
    expect(fsum([1, 1e-16, 1e-16])).toBe(1.0000000000000002)
    expect(fsum([])).toBe(0)
  })
})

describe('clipped n-gram matches', () => {
  it('are the same compared in place (short sentences) as counted in Maps', () => {
    // A tiny vocabulary, so that n-grams repeat within and across sentences.
    let seed = 7
    const random = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % k
    }
    const sentence = (): string[] => Array.from({ length: random(30) }, () => ['a', 'b', 'c', '.', "'s"][random(5)]!)
    let matched = 0
    for (let t = 0; t < 2000; t++) {
      const refs = Array.from({ length: 1 + random(3) }, sentence)
      const hyp = sentence()
      for (let n = 1; n <= 4; n++) {
        const byMaps = clippedMatches(refs, hyp, n)
        expect(clippedMatchesByScan(refs, hyp, n)).toBe(byMaps)
        matched += byMaps
      }
    }
    expect(matched).toBeGreaterThan(10_000)
  })
})
