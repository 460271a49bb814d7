// Seeded randomness for significance tests: xoshiro128** (32-bit arithmetic only, so the
// stream is the same on every machine). Each chunk of resamples gets its own generator,
// derived from (seed, stream, chunk), so results never depend on how chunks meet workers.
import { hashString } from '../random'

export interface Rng {
  /** Next 32-bit unsigned integer. */
  nextU32(): number
  /** Uniform integer in [0, n), n ≤ 2^32. */
  index(n: number): number
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/** splitmix32: spreads one 32-bit seed over xoshiro's four state words. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function xoshiro128ss(seed: number): Rng {
  const mix = splitmix32(seed)
  let s0 = mix()
  let s1 = mix()
  let s2 = mix()
  let s3 = mix()
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 11)
    return result
  }
  return { nextU32, index: (n) => Math.floor((nextU32() / 4294967296) * n) }
}

/** The generator of one chunk of one test. */
export function chunkRng(seed: number, stream: string, chunk: number): Rng {
  return xoshiro128ss(hashString(`${seed >>> 0}/${stream}/${chunk}`))
}
