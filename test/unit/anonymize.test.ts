import { describe, expect, it } from 'vitest'
import { assignAnonymousIds, extendAnonymousIds } from '../../src/main/ranking/anonymize'
import { hashString, mulberry32, seededShuffle } from '../../src/main/random'

const TEAMS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']
const SEED = 'dstc9-simmc'
const sorted = (map: Map<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1))

describe('seeded PRNG', () => {
  // Pinned: changing the hash or the PRNG would renumber every published ranking.
  it('keeps the hash and mulberry32 outputs', () => {
    expect(hashString('abc')).toBe(1792905582)
    expect(hashString('')).toBe(167010153)
    expect(mulberry32(42)()).toBe(0.6011037519201636) // the reference mulberry32 value
  })

  it('shuffles a copy and keeps every item', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8]
    const shuffled = seededShuffle(items, 'x')
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect([...shuffled].sort()).toEqual(items)
    expect(shuffled).not.toEqual(items)
    expect(seededShuffle(items, 'x')).toEqual(shuffled)
  })
})

describe('assignAnonymousIds', () => {
  it('gives a pinned, seeded mapping that follows neither name nor input order', () => {
    const ids = assignAnonymousIds(TEAMS, SEED)
    expect(sorted(ids)).toEqual([
      ['alpha', 'Team 5'],
      ['bravo', 'Team 6'],
      ['charlie', 'Team 4'],
      ['delta', 'Team 2'],
      ['echo', 'Team 3'],
      ['foxtrot', 'Team 1']
    ])
  })

  it('does not depend on the order or duplicates of the input list', () => {
    const reference = sorted(assignAnonymousIds(TEAMS, SEED))
    expect(sorted(assignAnonymousIds([...TEAMS].reverse(), SEED))).toEqual(reference)
    expect(sorted(assignAnonymousIds(['echo', 'alpha', 'foxtrot', 'bravo', 'delta', 'charlie', 'alpha'], SEED))).toEqual(reference)
  })

  it('numbers 1..n once each and changes with the seed', () => {
    const ids = assignAnonymousIds(TEAMS, SEED)
    expect([...ids.values()].sort()).toEqual(['Team 1', 'Team 2', 'Team 3', 'Team 4', 'Team 5', 'Team 6'])
    expect(sorted(assignAnonymousIds(TEAMS, 'other-seed'))).not.toEqual(sorted(ids))
  })

  it('refuses an empty seed', () => {
    expect(() => assignAnonymousIds(TEAMS, '')).toThrow(/seed is empty/)
  })
})

describe('extendAnonymousIds', () => {
  const existing = assignAnonymousIds(TEAMS.slice(0, 4), SEED)

  it('keeps existing ids and numbers new teams after them, whatever their order', () => {
    const extended = extendAnonymousIds(existing, ['zulu', 'alpha', 'yankee'], SEED)
    for (const [team, label] of existing) expect(extended.get(team)).toBe(label)
    expect([extended.get('yankee'), extended.get('zulu')].sort()).toEqual(['Team 5', 'Team 6'])
    expect(extended.size).toBe(6)
    const reordered = extendAnonymousIds(existing, ['yankee', 'zulu'], SEED)
    expect(sorted(reordered)).toEqual(sorted(extended))
  })

  it('matches assignAnonymousIds when nothing exists yet', () => {
    expect(sorted(extendAnonymousIds(new Map(), TEAMS, SEED))).toEqual(sorted(assignAnonymousIds(TEAMS, SEED)))
  })

  it('continues after the highest number, even with gaps', () => {
    const extended = extendAnonymousIds(new Map([['old', 'Team 7']]), ['new'], SEED)
    expect(extended.get('new')).toBe('Team 8')
  })

  it('rejects malformed or repeated existing ids', () => {
    expect(() => extendAnonymousIds(new Map([['a', 'team 1']]), ['b'], SEED)).toThrow(/not of the form "Team N"/)
    expect(() => extendAnonymousIds(new Map([['a', 'Team 0']]), ['b'], SEED)).toThrow(/not of the form/)
    const twice = new Map([
      ['a', 'Team 2'],
      ['b', 'Team 2']
    ])
    expect(() => extendAnonymousIds(twice, ['c'], SEED)).toThrow(/assigned twice/)
  })
})
