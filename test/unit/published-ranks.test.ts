import { describe, expect, it } from 'vitest'
import { compareNames } from '../../src/main/ranking/winner-rule'
import { rankBySingleMetric } from '../../src/main/ranking/methods'
import { publishedRanks } from '../../src/main/ranking/published-ranks'
import type { ScoredEntry } from '../../src/shared/ranking'

const entry = (team: string, value: number, baseline = false): ScoredEntry => ({
  team,
  baseline,
  metrics: { acc: { value, stderr: 0.01 } }
})

describe('published ranks', () => {
  it('use competition ranking among eligible entries; ineligible entries and baselines are not ranked', () => {
    const rows = rankBySingleMetric(
      [
        entry('Team 1', 0.9), // best score, but ineligible
        entry('Team 4', 0.88),
        entry('Team 7', 0.88),
        entry('Baseline', 0.87, true),
        entry('Team 6', 0.83),
        entry('Team 5', 0.75), // ineligible
        entry('Team 8', 0.75)
      ],
      { metric: 'acc', direction: 'higher' }
    )
    const ineligible = new Set(['Team 1', 'Team 5'])
    const ranks = publishedRanks(rows, (team) => !ineligible.has(team))
    expect(rows.map((r) => [r.team, ranks.get(r.team)])).toEqual([
      ['Team 1', null],
      ['Team 4', 1],
      ['Team 7', 1],
      ['Baseline', null],
      ['Team 6', 3],
      ['Team 5', null],
      ['Team 8', 4]
    ])
  })

  it('order tied labels by number: Team 2 before Team 10', () => {
    expect(['Team 10', 'Team 2', 'Team 7', 'Team 1'].sort(compareNames)).toEqual(['Team 1', 'Team 2', 'Team 7', 'Team 10'])
    expect(['b', 'a10', 'a9', 'a'].sort(compareNames)).toEqual(['a', 'a9', 'a10', 'b'])
    expect(compareNames('Team 02', 'Team 2')).not.toBe(0)
    const rows = rankBySingleMetric([entry('Team 10', 0.5), entry('Team 2', 0.5)], { metric: 'acc', direction: 'higher' })
    expect(rows.map((r) => r.team)).toEqual(['Team 2', 'Team 10'])
  })
})
