// exp and ln rounded correctly, as glibc's (and so CPython's, and so nltk's BLEU) are.
// Expected values are Python's math.exp / math.log on Debian 12 (glibc 2.36), checked
// against 60-digit decimal arithmetic; V8's Math.exp / Math.log give the neighbour.
import { describe, expect, it } from 'vitest'
import { exactExp, exactLog } from '../../src/main/scoring/exact-math'

describe('exactExp', () => {
  it.each([
    [-0.8502993454155388, 0.4272870063962341],
    [-3.7812631158979855, 0.022793881919421808],
    [-1.5821307476740643, 0.20553668448384607],
    [-3.0873581467513134, 0.0456223228185215]
  ])('exp(%s) = %s (one ulp from V8)', (x, want) => {
    expect(exactExp(x)).toBe(want)
    expect(Math.exp(x)).not.toBe(want)
  })

  it('exact and edge values', () => {
    expect(exactExp(0)).toBe(1)
    expect(exactExp(1)).toBe(Math.E)
    expect(exactExp(Math.LN2)).toBe(2)
    expect(exactExp(-Infinity)).toBe(0)
    expect(exactExp(Number.NaN)).toBeNaN()
    expect(exactExp(800)).toBe(Infinity)
  })
})

describe('exactLog', () => {
  it.each([
    [0.3076923076923077, -1.1786549963416462],
    [0.38461538461538464, -0.9555114450274363],
    [0.35714285714285715, -1.0296194171811581]
  ])('ln(%s) = %s (one ulp from V8)', (x, want) => {
    expect(exactLog(x)).toBe(want)
    expect(exactLog(x)).toBe(want) // the cached value
    expect(Math.log(x)).not.toBe(want)
  })

  it('exact and edge values', () => {
    expect(exactLog(1)).toBe(0)
    expect(exactLog(2)).toBe(Math.LN2)
    expect(exactLog(0.5)).toBe(-Math.LN2)
    expect(exactLog(10)).toBe(Math.LN10)
    expect(exactLog(Math.E)).toBe(1)
    expect(exactLog(0)).toBe(-Infinity)
    expect(exactLog(-1)).toBeNaN()
  })
})
