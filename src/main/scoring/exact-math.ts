// exp and ln rounded correctly to the nearest double. nltk's BLEU runs on CPython,
// whose math.exp / math.log call glibc's exp / log, which are accurate to well
// under one ulp and, in practice, correctly rounded. V8's Math.exp / Math.log
// (fdlibm) are sometimes one ulp off: Math.exp(-0.8502993454155388) is
// 0.42728700639623407, glibc and the true value give 0.4272870063962341. "BLEU
// identical to nltk, not close" needs the correctly rounded value, so both are
// computed here in 160-bit fixed point with BigInt, then rounded once by Number().

const P = 160n
const ONE = 1n << P
// Products are rescaled with `/ ONE` (truncation toward zero), not `>> P`, which
// floors: a negative term would never reach 0 and a series would not end.
const SCALE_DOWN = 2 ** -160

/** ln 2 with P fractional bits: 2 * atanh(1/3) = 2 * sum (1/3)^(2k+1) / (2k+1). */
const LN2 = ((): bigint => {
  const extra = P + 32n
  const third = (1n << extra) / 3n
  const ninth = (1n << extra) / 9n
  let term = third
  let sum = 0n
  for (let k = 0n; term !== 0n; k++) {
    sum += term / (2n * k + 1n)
    term = (term * ninth) >> extra
  }
  return (2n * sum) >> 32n
})()

const view = new DataView(new ArrayBuffer(8))

/** A finite, normal double as mantissa * 2^exponent, mantissa a 53-bit integer. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, Math.abs(x))
  const hi = view.getUint32(0)
  const lo = view.getUint32(4)
  const biased = hi >>> 20
  const mantissa = (BigInt((hi & 0xfffff) | 0x100000) << 32n) | BigInt(lo)
  return { mantissa, exponent: biased - 1075 }
}

/** x (normal double) in P-bit fixed point, truncated toward zero. */
function toFixed(x: number): bigint {
  const { mantissa, exponent } = decompose(x)
  const shift = BigInt(exponent) + P
  const magnitude = shift >= 0n ? mantissa << shift : mantissa >> -shift
  return x < 0 ? -magnitude : magnitude
}

const isNormal = (x: number): boolean => Number.isFinite(x) && Math.abs(x) >= 2 ** -1022

const expCache = new Map<number, number>()

/**
 * e^x, correctly rounded (outside BLEU's range, extreme arguments fall back to Math.exp). BLEU's
 * arguments come from small n-gram counts, so the same ones recur sentence after sentence: cached.
 */
export function exactExp(x: number): number {
  if (x === 0) return 1
  if (!isNormal(x) || x > 700 || x < -700) return Math.exp(x)
  const cached = expCache.get(x)
  if (cached !== undefined) return cached
  const result = seriesExp(x)
  if (expCache.size > 4096) expCache.clear()
  expCache.set(x, result)
  return result
}

function seriesExp(x: number): number {
  // x = k ln2 + r with |r| <= ln2 / 2, then Taylor series for e^r.
  const k = Math.round(x / Math.LN2)
  const r = toFixed(x) - BigInt(k) * LN2
  let sum = ONE
  let term = ONE
  for (let i = 1n; term !== 0n; i++) {
    term = (term * r) / ONE / i
    sum += term
  }
  // Number(bigint) rounds to nearest, ties to even; the power of two is exact.
  return Number(sum) * SCALE_DOWN * 2 ** k
}

const logCache = new Map<number, number>()

/** ln x for x > 0, correctly rounded. BLEU takes logs of a few recurring n-gram precisions: cached. */
export function exactLog(x: number): number {
  if (x === 1) return 0
  if (!(x > 0) || !isNormal(x)) return Math.log(x)
  const cached = logCache.get(x)
  if (cached !== undefined) return cached
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh((m - 1) / (m + 1)).
  const { mantissa, exponent } = decompose(x)
  let e = exponent + 52
  let m = toFixed(Number(mantissa) / 2 ** 52)
  if (Number(mantissa) / 2 ** 52 > Math.SQRT2) {
    m >>= 1n
    e += 1
  }
  const z = ((m - ONE) << P) / (m + ONE)
  const z2 = (z * z) >> P
  let term = z
  let sum = 0n
  for (let k = 0n; term !== 0n; k++) {
    sum += term / (2n * k + 1n)
    term = (term * z2) / ONE
  }
  const result = Number(2n * sum + BigInt(e) * LN2) * SCALE_DOWN
  if (logCache.size > 4096) logCache.clear()
  logCache.set(x, result)
  return result
}
