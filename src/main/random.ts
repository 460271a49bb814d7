// Seeded, portable randomness: anonymous ids, the demo challenge and benchmark data.
// Changing these functions renumbers every challenge's anonymous ids (tests pin them).

/** 32-bit hash of a string (xmur3 mixing with a murmur3 finalizer). */
export function hashString(text: string): number {
  let h = 1779033703 ^ text.length
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507)
  h = Math.imul(h ^ (h >>> 13), 3266489909)
  return (h ^ (h >>> 16)) >>> 0
}

/** mulberry32: a 32-bit state PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates shuffle of a copy of `items`, driven by the seed string. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  return shuffleWith(mulberry32(hashString(seed)), items)
}

function shuffleWith<T>(random: () => number, items: readonly T[]): T[] {
  const result = [...items]
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[result[i], result[j]] = [result[j]!, result[i]!]
  }
  return result
}

/** Convenience draws over one seeded mulberry32 stream (test data, demo, benchmarks). */
export function createRandom(seed: string) {
  const next = mulberry32(hashString(seed))
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number): boolean => next() < p,
    /** A normal variate (Box-Muller). */
    normal: (mean = 0, sd = 1): number => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle: <T>(items: readonly T[]): T[] => shuffleWith(next, items)
  }
}

export type Random = ReturnType<typeof createRandom>
