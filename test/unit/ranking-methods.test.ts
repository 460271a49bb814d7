import { describe, expect, it } from 'vitest'
import { checkEligibility, applyEligibility } from '../../src/main/ranking/eligibility'
import {
  bestEntryPerTeam,
  normalizeScore,
  rankByAverageRank,
  rankByNormalizedAverage,
  rankBySingleMetric
} from '../../src/main/ranking/methods'
import type { EligibilityFacts, NormalizationSpec, RankedRow, ScoredEntry } from '../../src/shared/ranking'
import { SIMMC_CATEGORIES } from '../../src/shared/simmc-categories'

function entry(team: string, metrics: Record<string, number>, extra: Partial<ScoredEntry> = {}): ScoredEntry {
  const converted: ScoredEntry['metrics'] = {}
  for (const [name, value] of Object.entries(metrics)) converted[name] = { value, stderr: 0 }
  return { team, metrics: converted, ...extra }
}
const ranks = (rows: RankedRow[]) => rows.map((row) => [row.entryId, row.rank])

describe('rankBySingleMetric', () => {
  const entries = [
    entry('D', { acc: 0.7 }),
    entry('C', { acc: 0.8 }),
    entry('Baseline', { acc: 0.95 }, { baseline: true }),
    entry('B', { acc: 0.8 }),
    entry('A', { acc: 0.9 }),
    entry('E', {})
  ]
  const acc = { metric: 'acc', direction: 'higher' } as const

  it('gives tied teams fractional ranks and shows the baseline unranked', () => {
    expect(ranks(rankBySingleMetric(entries, acc))).toEqual([
      ['Baseline', null],
      ['A', 1],
      ['B', 2.5],
      ['C', 2.5],
      ['D', 4],
      ['E', null]
    ])
  })

  it('can use competition ranking instead', () => {
    const rows = rankBySingleMetric(entries, acc, { ties: 'competition' })
    expect(rows.map((row) => row.rank)).toEqual([null, 1, 2, 2, 4, null])
  })

  it('lists the missing metric and respects lower-is-better', () => {
    const rows = rankBySingleMetric(entries, { metric: 'acc', direction: 'lower' })
    expect(ranks(rows)).toEqual([
      ['D', 1],
      ['B', 2.5],
      ['C', 2.5],
      ['A', 4],
      ['Baseline', null],
      ['E', null]
    ])
    expect(rows.at(-1)).toMatchObject({ team: 'E', score: null, missing: ['acc'] })
  })
})

describe('rankByNormalizedAverage', () => {
  // accuracy: 4-way random guess = 0.25 → 0, best possible 1 → 100.
  // perplexity (lower is better): the baseline's 35 → 0, best possible 1 → 100.
  const specs: NormalizationSpec[] = [
    { metric: 'acc', direction: 'higher', floor: 0.25, ceiling: 1 },
    { metric: 'ppl', direction: 'lower', floor: 'baseline', ceiling: 1 }
  ]
  const entries = [
    entry('Baseline', { acc: 0.4, ppl: 35 }, { baseline: true }),
    entry('Weaker baseline', { acc: 0.3, ppl: 51 }, { baseline: true }),
    entry('C', { acc: 0.85, ppl: 35 }),
    entry('B', { acc: 0.2, ppl: 1 }),
    entry('A', { acc: 0.625, ppl: 18 }),
    entry('NoPpl', { acc: 1 })
  ]

  it('normalizes between the floor and the ceiling, clamping values below the floor to 0', () => {
    const rows = rankByNormalizedAverage(entries, specs)
    expect(ranks(rows)).toEqual([
      ['A', 1.5],
      ['B', 1.5],
      ['C', 3],
      ['Baseline', null],
      ['Weaker baseline', null],
      ['NoPpl', null]
    ])
    const byTeam = new Map(rows.map((row) => [row.team, row]))
    expect(byTeam.get('A')!.perMetric).toEqual({ acc: 50, ppl: 50 })
    expect(byTeam.get('B')!.perMetric).toEqual({ acc: 0, ppl: 100 })
    expect(byTeam.get('C')!.score).toBeCloseTo(40, 9)
    expect(byTeam.get('Baseline')!.score).toBeCloseTo(10, 9)
    expect(byTeam.get('NoPpl')).toMatchObject({ score: null, missing: ['ppl'] })
  })

  it('scores a missing metric as 0 with missing: "worst"', () => {
    // NoPpl: (100 + 0) / 2 = 50, tied with A and B for positions 1–3.
    const rows = rankByNormalizedAverage(entries, specs, { missing: 'worst' })
    expect(ranks(rows).slice(0, 3)).toEqual([
      ['A', 2],
      ['B', 2],
      ['NoPpl', 2]
    ])
    expect(rows[2]).toMatchObject({ score: 50, perMetric: { acc: 100, ppl: null }, missing: ['ppl'] })
  })

  it('normalizeScore follows the formula in both directions', () => {
    expect(normalizeScore(0.625, 0.25, 1)).toBe(50)
    expect(normalizeScore(0.1, 0.25, 1)).toBe(0)
    expect(normalizeScore(18, 35, 1)).toBe(50)
    expect(normalizeScore(40, 35, 1)).toBe(0)
  })

  it('rejects bounds it cannot use', () => {
    const noBaseline = entries.filter((e) => !e.baseline)
    expect(() => rankByNormalizedAverage(noBaseline, specs)).toThrow(/no baseline has a value for ppl/)
    const inverted: NormalizationSpec[] = [{ metric: 'ppl', direction: 'lower', floor: 0.5, ceiling: 1 }]
    expect(() => rankByNormalizedAverage(entries, inverted)).toThrow(/ceiling 1 below its floor 0.5/)
  })
})

describe('rankByAverageRank', () => {
  const metrics = [
    { metric: 'm1', direction: 'higher' },
    { metric: 'm2', direction: 'lower' }
  ] as const
  const entries = [
    entry('Baseline', { m1: 1, m2: 0 }, { baseline: true }),
    entry('C', { m1: 0.8, m2: 9 }),
    entry('B', { m1: 0.8, m2: 3 }),
    entry('A', { m1: 0.9, m2: 5 }),
    entry('D', { m1: 0.1 }),
    entry('E', { m1: 0.05 })
  ]

  it('averages fractional per-metric ranks among teams only', () => {
    const rows = rankByAverageRank(entries, [...metrics])
    expect(rows.map((row) => [row.team, row.score, row.rank])).toEqual([
      ['A', 1.5, 1],
      ['B', 1.75, 2],
      ['C', 2.75, 3],
      ['D', null, null],
      ['E', null, null],
      ['Baseline', null, null]
    ])
    expect(rows.find((row) => row.team === 'C')!.perMetric).toEqual({ m1: 2.5, m2: 3 })
    expect(rows.find((row) => row.team === 'Baseline')!.perMetric).toEqual({ m1: null, m2: null })
  })

  it('ranks a missing metric tied last with missing: "worst"', () => {
    // D and E lack m2: after the three teams that have it, they share positions 4–5 → 4.5.
    const rows = rankByAverageRank(entries, [...metrics], { missing: 'worst' })
    expect(rows.find((row) => row.team === 'D')).toMatchObject({ perMetric: { m1: 4, m2: 4.5 }, score: 4.25, rank: 4 })
    expect(rows.find((row) => row.team === 'E')).toMatchObject({ perMetric: { m1: 5, m2: 4.5 }, score: 4.75, rank: 5 })
  })
})

describe('bestEntryPerTeam', () => {
  const checkpoints = [
    entry('A', { acc: 0.7 }, { entryId: 'A@1' }),
    entry('A', { acc: 0.9 }, { entryId: 'A@2' }),
    entry('B', { acc: 0.8 }, { entryId: 'B@1' }),
    entry('B', {}, { entryId: 'B@2' })
  ]

  it('keeps the best checkpoint of each team by the chosen method', () => {
    const higher = bestEntryPerTeam(checkpoints, { kind: 'single', metric: { metric: 'acc', direction: 'higher' } })
    expect(ranks(higher)).toEqual([
      ['A@2', 1],
      ['B@1', 2]
    ])
    const lower = bestEntryPerTeam(checkpoints, { kind: 'single', metric: { metric: 'acc', direction: 'lower' } })
    expect(ranks(lower)).toEqual([
      ['A@1', 1],
      ['B@1', 2]
    ])
  })

  it('needs distinct entry ids', () => {
    const clash = [entry('A', { acc: 1 }), entry('A', { acc: 2 })]
    expect(() => rankBySingleMetric(clash, { metric: 'acc', direction: 'higher' })).toThrow(/entry id "A" appears twice/)
  })
})

describe('eligibility', () => {
  // ConvAI2 validation leaderboard rows (PPL ↓, Hits@1 ↑, F1 ↑); ParlAI models are the baselines.
  const m = (ppl: number | null, hits1: number | null, f1: number | null): ScoredEntry['metrics'] => ({
    ppl: ppl === null ? null : { value: ppl },
    hits1: hits1 === null ? null : { value: hits1 },
    f1: f1 === null ? null : { value: f1 }
  })
  const facts: EligibilityFacts[] = [
    { team: 'Seq2Seq + Attention', baseline: true, metrics: m(35.07, 12.5, 16.82) },
    { team: 'Language Model', baseline: true, metrics: m(51.1, null, 15.31) },
    { team: 'KV Profile Memory', baseline: true, metrics: m(null, 55.1, 11.72) },
    { team: 'Pinta', metrics: m(null, 51.4, 17.25) },
    { team: 'Tensorborne', metrics: m(44.64, 12.1, 16.13) },
    { team: 'High Five', metrics: m(59.83, 78.2, 15.34), licenceProblem: 'no LICENSE file' },
    { team: 'Sonic', metrics: m(38.87, null, 16.88), openSourced: false, flags: ['trained on the test set'] },
    { team: 'Equal F1', metrics: m(40, 10, 16.82) }
  ]
  const convai2 = [
    { metric: 'ppl', direction: 'lower' },
    { metric: 'hits1', direction: 'higher' },
    { metric: 'f1', direction: 'higher' }
  ] as const

  it('gives every reason an entry cannot win, in order', () => {
    const verdicts = checkEligibility(facts, { beatBaselinesIn: [...convai2] })
    const reasonsOf = (team: string) => verdicts.find((v) => v.team === team)!.reasons
    expect(reasonsOf('Seq2Seq + Attention')).toEqual(['baseline'])
    expect(verdicts.find((v) => v.team === 'Pinta')).toEqual({ team: 'Pinta', entryId: 'Pinta', eligible: true, reasons: [] })
    expect(reasonsOf('Tensorborne')).toEqual(['not better than the baselines in any of: ppl, hits1, f1'])
    expect(reasonsOf('Equal F1')).toEqual(['not better than the baselines in any of: ppl, hits1, f1'])
    expect(reasonsOf('High Five')).toEqual(['not open-sourced: no LICENSE file'])
    expect(reasonsOf('Sonic')).toEqual(['not open-sourced: code or model not public', 'flagged: trained on the test set'])
  })

  it('applies the ConvAI2 filter only when asked', () => {
    const verdicts = checkEligibility(facts)
    expect(verdicts.find((v) => v.team === 'Tensorborne')!.eligible).toBe(true)
  })

  it('refuses the filter when no baseline has the metrics', () => {
    const [verdict] = checkEligibility([{ team: 'T', metrics: m(1, 1, 1) }], { beatBaselinesIn: [...convai2] })
    expect(verdict!.reasons).toEqual(['cannot compare with the baselines: no baseline has a value for ppl, hits1, f1'])
  })

  it('copies verdicts onto entries for the winner rule', () => {
    const entries = [entry('Pinta', { f1: 17.25 }), entry('High Five', { f1: 15.34 })]
    const applied = applyEligibility(entries, checkEligibility(facts.filter((f) => f.team === 'Pinta' || f.team === 'High Five')))
    expect(applied.map((e) => [e.team, e.eligible, e.ineligibleReasons])).toEqual([
      ['Pinta', true, []],
      ['High Five', false, ['not open-sourced: no LICENSE file']]
    ])
  })
})

describe('SIMMC categories', () => {
  it('lists the four scoring tasks with their priority lists', () => {
    const summary = Object.fromEntries(
      SIMMC_CATEGORIES.map((c) => [c.task, c.priority.map((p) => `${p.metric}${p.direction === 'higher' ? '↑' : '↓'}`).join(' ')])
    )
    expect(summary).toEqual({
      'simmc-st1': 'action_accuracy↑ attribute_accuracy↑ action_perplexity↓',
      'simmc-st2-generation': 'bleu↑',
      'simmc-st2-retrieval': 'mrr↑ r1↑ r5↑ r10↑ mean↓',
      'simmc-st3': 'slot_f1↑ act_f1↑'
    })
    expect(SIMMC_CATEGORIES.find((c) => c.task === 'simmc-st3')!.metrics.map((m) => m.label)).toEqual(['Slot F1', 'Intent F1'])
  })
})
