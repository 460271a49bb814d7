import { describe, expect, it } from 'vitest'
import { determineWinners, isWithinOneSe } from '../../src/main/ranking/winner-rule'
import { parseWinnersInput, winnersJson, WinnersInputError } from '../../src/main/ranking/winners-input'
import { InputError } from '../../src/main/scoring/input-error'
import type { MetricPriority, ScoredEntry, WinnerInput } from '../../src/shared/ranking'
import { simmcCategory } from '../../src/shared/simmc-categories'

/** entry('A', { m: [value, stderr] }); stderr omitted = missing. */
function entry(team: string, metrics: Record<string, [number, number?]>, extra: Partial<ScoredEntry> = {}): ScoredEntry {
  const converted: ScoredEntry['metrics'] = {}
  for (const [name, [value, stderr]] of Object.entries(metrics)) converted[name] = { value, stderr: stderr ?? null }
  return { team, metrics: converted, ...extra }
}

const ST1: MetricPriority[] = [
  { metric: 'action_accuracy', direction: 'higher' },
  { metric: 'attribute_accuracy', direction: 'higher' },
  { metric: 'action_perplexity', direction: 'lower' }
]
const M_N: MetricPriority[] = [
  { metric: 'm', direction: 'higher' },
  { metric: 'n', direction: 'higher' }
]

describe('determineWinners: the SIMMC rule', () => {
  it('breaks a tie on the third metric, a lower-is-better one', () => {
    const input: WinnerInput = {
      priority: ST1,
      entries: [
        entry('A', { action_accuracy: [0.8, 0.01], attribute_accuracy: [0.7, 0.02], action_perplexity: [3.0, 0.1] }),
        entry('B', { action_accuracy: [0.795, 0.012], attribute_accuracy: [0.71, 0.02], action_perplexity: [2.5, 0.1] }),
        entry('C', { action_accuracy: [0.75, 0.01], attribute_accuracy: [0.9, 0.01], action_perplexity: [1.0, 0.1] })
      ]
    }
    const outcome = determineWinners(input)
    expect(outcome.winners).toEqual(['B'])
    expect(outcome.joint).toBe(false)
    expect(outcome.trace.map((s) => s.metric)).toEqual(['action_accuracy', 'attribute_accuracy', 'action_perplexity'])
    const [first, second, third] = outcome.trace
    // Step 1: best A 0.8 ± 0.01 → bound 0.79; B (0.795) stays, C (0.75) leaves.
    expect(first!.best).toEqual({ team: 'A', value: 0.8, stderr: 0.01 })
    expect(first!.threshold).toBeCloseTo(0.79, 12)
    expect(first!.stayed.map((r) => r.team)).toEqual(['A', 'B'])
    expect(first!.dropped).toEqual([
      { team: 'C', value: 0.75, reason: 'outside one standard error', seUsed: 0.01, threshold: first!.threshold }
    ])
    // Step 2: best B 0.71 ± 0.02 → bound 0.69; A (0.70) stays. C's 0.9 no longer counts.
    expect(second!.best?.team).toBe('B')
    expect(second!.stayed.map((r) => r.team)).toEqual(['B', 'A'])
    // Step 3, lower is better: best B 2.5 + 0.1 → bound 2.6; A (3.0) leaves.
    expect(third!.direction).toBe('lower')
    expect(third!.best?.team).toBe('B')
    expect(third!.threshold).toBeCloseTo(2.6, 12)
    expect(third!.dropped.map((r) => [r.team, r.reason])).toEqual([['A', 'outside one standard error']])
  })

  it('declares joint winners, sorted by team name, after the last metric', () => {
    const outcome = determineWinners({
      priority: M_N,
      entries: [entry('Zeta', { m: [0.5, 0.05], n: [0.3, 0.1] }), entry('Alpha', { m: [0.52, 0.05], n: [0.35, 0.1] })]
    })
    expect(outcome.winners).toEqual(['Alpha', 'Zeta'])
    expect(outcome.joint).toBe(true)
    expect(outcome.trace).toHaveLength(2)
    expect(outcome.trace[1]!.dropped).toEqual([])
  })

  it('lets a single entry win at once, with a one-step trace', () => {
    const outcome = determineWinners({ priority: ST1, entries: [entry('Solo', { action_accuracy: [0.4, 0.02] })] })
    expect(outcome).toMatchObject({ winners: ['Solo'], joint: false })
    expect(outcome.trace).toHaveLength(1)
    expect(outcome.trace[0]!.best?.team).toBe('Solo')
  })

  it('keeps an entry exactly one standard error away (inclusive, despite float noise)', () => {
    // 0.8 − 0.7 is 0.10000000000000009 in floating point: only the epsilon keeps B.
    expect(0.8 - 0.7 > 0.1).toBe(true)
    const outcome = determineWinners({
      priority: [{ metric: 'm', direction: 'higher' }],
      entries: [entry('A', { m: [0.8, 0.1] }), entry('B', { m: [0.7, 0.2] }), entry('C', { m: [0.6999, 0.2] })]
    })
    expect(outcome.winners).toEqual(['A', 'B'])
    expect(outcome.trace[0]!.dropped.map((r) => r.team)).toEqual(['C'])
  })

  it('isWithinOneSe: inclusive on an exactly representable boundary, epsilon stays tiny', () => {
    expect(isWithinOneSe(1, 0.75, 0.25)).toBe(true)
    expect(isWithinOneSe(2, 2.25, 0.25)).toBe(true)
    expect(isWithinOneSe(0.8, 0.7 - 1e-9, 0.1)).toBe(false)
    expect(isWithinOneSe(5, 5, 0)).toBe(true)
    expect(isWithinOneSe(0, 0, 0)).toBe(true)
    expect(isWithinOneSe(5, 5 - 1e-9, 0)).toBe(false)
  })

  it('drops entries missing the metric and skips a metric nobody has', () => {
    const outcome = determineWinners({
      priority: [
        { metric: 'm', direction: 'higher' },
        { metric: 'absent', direction: 'higher' },
        { metric: 'n', direction: 'lower' }
      ],
      entries: [entry('A', { m: [0.5, 0.1], n: [9, 0] }), entry('B', { m: [0.45, 0.1], n: [4, 0] }), entry('NoM', { n: [1, 0] })]
    })
    const [first, skipped, last] = outcome.trace
    expect(first!.dropped).toEqual([{ team: 'NoM', value: null, reason: 'missing value', seUsed: null, threshold: null }])
    expect(skipped!.best).toBeNull()
    expect(skipped!.note).toContain('absent')
    expect(last!.metric).toBe('n')
    expect(outcome.winners).toEqual(['B'])
  })

  it('treats a missing stderr as 0 and says so in the trace', () => {
    const outcome = determineWinners({
      priority: [{ metric: 'm', direction: 'higher' }],
      entries: [entry('A', { m: [0.5] }), entry('B', { m: [0.499, 0.1] })]
    })
    expect(outcome.winners).toEqual(['A'])
    expect(outcome.trace[0]!.seUsed).toBe(0)
    expect(outcome.trace[0]!.best?.stderr).toBeNull()
    expect(outcome.trace[0]!.warnings).toEqual(['A: missing stderr for m, treated as 0'])
  })

  it('never lets a baseline or an ineligible entry win, and lists them as excluded', () => {
    const outcome = determineWinners({
      priority: [{ metric: 'm', direction: 'higher' }],
      entries: [
        entry('Seq2Seq', { m: [0.99, 0.01] }, { baseline: true }),
        entry('Closed', { m: [0.95, 0.01] }, { eligible: false, ineligibleReasons: ['not open-sourced: no licence file'] }),
        entry('Hidden', { m: [0.94, 0.01] }, { eligible: false }),
        entry('Open', { m: [0.6, 0.01] }),
        entry('Other', { m: [0.5, 0.01] })
      ]
    })
    expect(outcome.winners).toEqual(['Open'])
    expect(outcome.excluded).toEqual([
      { team: 'Closed', reason: 'ineligible: not open-sourced: no licence file' },
      { team: 'Hidden', reason: 'ineligible' },
      { team: 'Seq2Seq', reason: 'baseline' }
    ])
    const seen = outcome.trace.flatMap((s) => [...s.stayed, ...s.dropped].map((r) => r.team))
    expect(seen.sort()).toEqual(['Open', 'Other'])
  })

  it('reads "one standard error" from the best entry, each entry, or the larger of both', () => {
    // A is best on m. B is 0.015 below with its own SE 0.02; D is 0.005 below with SE 0.001.
    const entries = [
      entry('A', { m: [0.8, 0.01], n: [0.5, 0] }),
      entry('B', { m: [0.785, 0.02], n: [0.6, 0] }),
      entry('D', { m: [0.795, 0.001], n: [0.7, 0] })
    ]
    const stayedOnM = (seSource: 'best' | 'each' | 'max') =>
      determineWinners({ priority: M_N, entries }, { seSource }).trace[0]!.stayed.map((r) => r.team)
    expect(stayedOnM('best')).toEqual(['A', 'D'])
    expect(stayedOnM('each')).toEqual(['A', 'B'])
    expect(stayedOnM('max')).toEqual(['A', 'D', 'B'])
    expect(determineWinners({ priority: M_N, entries }).winners).toEqual(['D'])
    expect(determineWinners({ priority: M_N, entries }, { seSource: 'each' }).winners).toEqual(['B'])

    const each = determineWinners({ priority: M_N, entries }, { seSource: 'each' }).trace[0]!
    expect(each.threshold).toBeNull()
    expect(each.seUsed).toBeNull()
    expect(each.stayed.find((r) => r.team === 'B')).toMatchObject({ seUsed: 0.02 })
    expect(each.stayed.find((r) => r.team === 'B')!.threshold).toBeCloseTo(0.78, 12)
  })

  it('orders ties by team name and does not depend on input order', () => {
    const entries = [
      entry('b', { m: [0.9, 0] }),
      entry('a', { m: [0.9, 0] }),
      entry('d', { m: [0.1, 0] }),
      entry('c', { m: [0.1, 0] }),
      entry('e', {})
    ]
    const outcome = determineWinners({ priority: [{ metric: 'm', direction: 'higher' }], entries })
    expect(outcome.trace[0]!.best?.team).toBe('a')
    expect(outcome.trace[0]!.dropped.map((r) => r.team)).toEqual(['c', 'd', 'e'])
    const reversed = determineWinners({ priority: [{ metric: 'm', direction: 'higher' }], entries: [...entries].reverse() })
    expect(reversed).toEqual(outcome)
  })

  it('rejects duplicate teams and an empty priority list', () => {
    const twice = [entry('A', { m: [1, 0] }), entry('A', { m: [2, 0] })]
    expect(() => determineWinners({ priority: M_N, entries: twice })).toThrow(/"A" has more than one entry/)
    expect(() => determineWinners({ priority: [], entries: [entry('A', {})] })).toThrow(/priority list is empty/)
  })
})

describe('parseWinnersInput / winnersJson', () => {
  const valid = {
    priority: [
      { metric: 'mrr', direction: 'higher' },
      { metric: 'mean', direction: 'lower' }
    ],
    entries: [
      { team: 'A', metrics: { mrr: { value: 0.6, stderr: 0.01 }, mean: { value: 4 } } },
      { team: 'B', metrics: { mrr: null }, baseline: true },
      { team: 'C', metrics: { mrr: { value: 0.55, stderr: 0.01 } }, eligible: false, ineligibleReasons: ['flagged: x'] }
    ]
  }
  const parseWith = (mutate: (doc: any) => void): (() => WinnerInput) => {
    const doc = structuredClone(valid) as any
    mutate(doc)
    return () => parseWinnersInput(JSON.stringify(doc), 'input.json')
  }

  it('parses entries, missing metrics and missing stderr', () => {
    const input = parseWith(() => {})()
    expect(input.priority).toEqual(valid.priority)
    expect(input.entries[0]!.metrics).toEqual({ mrr: { value: 0.6, stderr: 0.01 }, mean: { value: 4, stderr: null } })
    expect(input.entries[1]).toEqual({ team: 'B', metrics: { mrr: null }, baseline: true })
    expect(input.entries[2]).toMatchObject({ eligible: false, ineligibleReasons: ['flagged: x'] })
  })

  it('takes the priority list of a SIMMC task when none is given', () => {
    const input = parseWith((doc) => {
      delete doc.priority
      doc.task = 'simmc-st1'
    })()
    expect(input.priority).toEqual(simmcCategory('simmc-st1')!.priority)
    expect(input.priority.map((p) => p.direction)).toEqual(['higher', 'higher', 'lower'])
  })

  it.each([
    [
      'a non-number value',
      (d: any) => d.entries.push({ team: 'D', metrics: { mrr: { value: '0.5' } } }),
      'input.json: entries[3].metrics.mrr.value: expected a finite number'
    ],
    [
      'an unknown direction',
      (d: any) => (d.priority[1].direction = 'down'),
      'input.json: priority[1].direction: expected "higher" or "lower"'
    ],
    [
      'a typo in stderr',
      (d: any) => (d.entries[0].metrics.mrr = { value: 1, stdErr: 0.1 }),
      'input.json: entries[0].metrics.mrr.stdErr: unknown field (expected value, stderr)'
    ],
    [
      'a negative stderr',
      (d: any) => (d.entries[0].metrics['hits@1'] = { value: 1, stderr: -1 }),
      'input.json: entries[0].metrics["hits@1"].stderr: expected a finite number ≥ 0 or null'
    ],
    ['a duplicate team', (d: any) => (d.entries[2].team = 'A'), 'input.json: entries[2].team: duplicate team "A" (also entries[0])'],
    ['a metric listed twice', (d: any) => (d.priority[1].metric = 'mrr'), 'input.json: priority[1].metric: "mrr" is listed twice'],
    ['no entries', (d: any) => (d.entries = []), 'input.json: entries: expected at least one entry'],
    ['metrics not an object', (d: any) => (d.entries[1].metrics = [1]), 'input.json: entries[1].metrics: expected an object'],
    ['a non-boolean flag', (d: any) => (d.entries[1].baseline = 'yes'), 'input.json: entries[1].baseline: expected true or false'],
    ['no priority and no task', (d: any) => delete d.priority, 'input.json: priority: missing (give a priority list or a SIMMC "task")'],
    ['an unknown root field', (d: any) => (d.winners = []), 'input.json: winners: unknown field (expected priority, entries, task)']
  ])('names the field for %s', (_label, mutate, message) => {
    const run = parseWith(mutate)
    expect(run).toThrow(WinnersInputError)
    try {
      run()
    } catch (error) {
      expect((error as Error).message).toBe(message)
      expect(error).toBeInstanceOf(InputError)
    }
  })

  it('reports invalid JSON with the file name', () => {
    expect(() => parseWinnersInput('{"priority": [', 'bad.json')).toThrow(/^bad\.json: not valid JSON \(/)
  })

  it('prints exactly winners, joint and trace', () => {
    const outcome = determineWinners(parseWith(() => {})())
    const printed = JSON.parse(winnersJson(outcome))
    expect(Object.keys(printed)).toEqual(['winners', 'joint', 'trace'])
    expect(printed.winners).toEqual(['A'])
    expect(printed.joint).toBe(false)
    expect(printed.trace).toEqual(JSON.parse(JSON.stringify(outcome.trace)))
    expect(printed.trace).toHaveLength(1)
  })
})
