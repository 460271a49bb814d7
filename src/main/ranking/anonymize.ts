// Anonymous team ids ("Team 3") for published rankings (SIMMC: "Publish anonymized team
// rankings [...] and email each team their anonymized team identity").
//
// - Pure and portable: a small string hash (xmur3-style, Math.imul) seeds a mulberry32 PRNG,
//   which drives a Fisher–Yates shuffle. No node:crypto, same result on every platform.
//   Changing either function renumbers every challenge: test/unit/anonymize.test.ts pins them.
// - Numbers follow neither name order nor input order: ids are de-duplicated and sorted first
//   (so input order cannot matter), then shuffled.
// - Stable: same seed + same set of ids → same numbers. `extendAnonymousIds` numbers only the
//   new teams, after the highest existing number, so published ids never change.
// - Not cryptographic: whoever knows the seed and the team list can recompute the mapping,
//   so keep the seed private to the organizers.

import { seededShuffle } from '../random'

export type AnonymousId = `Team ${number}`

export function assignAnonymousIds(teamIds: readonly string[], seed: string): Map<string, AnonymousId> {
  return extendAnonymousIds(new Map(), teamIds, seed)
}

/**
 * Keeps every existing assignment and numbers the teams not yet assigned from the highest
 * existing number + 1, in a seeded order independent of the order of `newTeams`.
 */
export function extendAnonymousIds(
  existing: ReadonlyMap<string, string>,
  newTeams: readonly string[],
  seed: string
): Map<string, AnonymousId> {
  if (seed.length === 0) throw new RangeError('anonymous ids: the seed is empty')
  const result = new Map<string, AnonymousId>()
  const used = new Set<number>()
  for (const [team, label] of existing) {
    const match = /^Team ([1-9]\d*)$/.exec(label)
    if (!match) throw new RangeError(`anonymous ids: "${label}" (team "${team}") is not of the form "Team N"`)
    const n = Number(match[1])
    if (used.has(n)) throw new RangeError(`anonymous ids: "${label}" is assigned twice`)
    used.add(n)
    result.set(team, `Team ${n}`)
  }
  const fresh = [...new Set(newTeams)].filter((team) => !result.has(team)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const next = used.size === 0 ? 1 : Math.max(...used) + 1
  // Mixing `next` in gives each extension its own shuffle; the first assignment uses "seed#1".
  seededShuffle(fresh, `${seed}#${next}`).forEach((team, i) => result.set(team, `Team ${next + i}`))
  return result
}

/** Baselines are not entries: they are published under their own name. */
export const baselineLabel = (name: string): string => `Baseline: ${name}`
