// Turns stored per-example results into the column sums the tests resample (pure).
// Example-level metrics resample examples; SIMMC subtask 3 (DST) is corpus-level: its F1s
// come from summed counts, so whole dialogs are resampled and the counts summed again.
import type { Direction } from '../../shared/challenge'
import type { ExampleResult } from '../../shared/scoring'
import { ONE, type MetricSpec, type SignificanceInput, type StatKind } from './significance-core'

type Extract = (example: ExampleResult) => number

interface MetricDef {
  metric: string
  direction: Direction
  kind: StatKind
  /** Column names the statistic reads ('one' = 1 per unit). */
  columns: string[]
}

interface TaskDef {
  unit: 'example' | 'dialog'
  columns: Record<string, Extract>
  metrics: MetricDef[]
}

const detailNumber =
  (key: string): Extract =>
  (e) => {
    const value = e.detail?.[key]
    return typeof value === 'number' && Number.isFinite(value) ? value : 0
  }
const rank = detailNumber('rank')
const mean = (metric: string, direction: Direction, column: string): MetricDef => ({
  metric,
  direction,
  kind: 'mean',
  columns: [column, 'one']
})
const ratio = (metric: string, num: string, den: string): MetricDef => ({ metric, direction: 'higher', kind: 'ratio', columns: [num, den] })
const f1 = (metric: string, prefix: string): MetricDef => ({
  metric,
  direction: 'higher',
  kind: 'f1',
  columns: [`correct${prefix}`, `true${prefix}`, `pred${prefix}`]
})
const score: Extract = (e) => e.score

const TASKS: Record<string, TaskDef> = {
  'simmc-st1': {
    unit: 'example',
    columns: {
      score,
      // attribute_accuracy averages every attribute match: sum of matches over their count.
      attributeMatches: (e) => detailNumber('attributeScore')(e) * detailNumber('attributeCount')(e),
      attributeCount: detailNumber('attributeCount'),
      logProb: detailNumber('goldLogProb')
    },
    metrics: [
      mean('action_accuracy', 'higher', 'score'),
      { metric: 'attribute_accuracy', direction: 'higher', kind: 'mean', columns: ['attributeMatches', 'attributeCount'] },
      { metric: 'action_perplexity', direction: 'lower', kind: 'exp-neg-mean', columns: ['logProb', 'one'] }
    ]
  },
  'simmc-st2-generation': { unit: 'example', columns: { score }, metrics: [mean('bleu', 'higher', 'score')] },
  'simmc-st2-retrieval': {
    unit: 'example',
    columns: { score, rank, r1: (e) => (rank(e) <= 1 ? 1 : 0), r5: (e) => (rank(e) <= 5 ? 1 : 0), r10: (e) => (rank(e) <= 10 ? 1 : 0) },
    metrics: [
      mean('mrr', 'higher', 'score'),
      mean('r1', 'higher', 'r1'),
      mean('r5', 'higher', 'r5'),
      mean('r10', 'higher', 'r10'),
      mean('mean', 'lower', 'rank')
    ]
  },
  'simmc-st3': {
    unit: 'dialog',
    columns: {
      frames: detailNumber('frames'),
      correctBeliefs: detailNumber('correctBeliefs'),
      correctActs: detailNumber('correctActs'),
      trueActs: detailNumber('trueActs'),
      predActs: detailNumber('predActs'),
      correctSlots: detailNumber('correctSlots'),
      trueSlots: detailNumber('trueSlots'),
      predSlots: detailNumber('predSlots')
    },
    metrics: [
      f1('slot_f1', 'Slots'),
      f1('act_f1', 'Acts'),
      ratio('joint_accuracy', 'correctBeliefs', 'frames'),
      ratio('slot_rec', 'correctSlots', 'trueSlots'),
      ratio('slot_prec', 'correctSlots', 'predSlots'),
      ratio('act_rec', 'correctActs', 'trueActs'),
      ratio('act_prec', 'correctActs', 'predActs')
    ]
  },
  'convai2-f1': { unit: 'example', columns: { score }, metrics: [mean('f1', 'higher', 'score')] },
  'convai2-hits1': { unit: 'example', columns: { score }, metrics: [mean('hits1', 'higher', 'score')] }
}

export const supportsSignificance = (task: string): boolean => Object.hasOwn(TASKS, task)

export interface PreparedInput {
  input: SignificanceInput
  unit: 'example' | 'dialog'
  notes: string[]
}

const exampleKey = (e: ExampleResult): string => `${e.dialogId}\u0000${e.turn}`

/**
 * Aligns the entries on the examples they all have (paired tests need the same units), then
 * builds one column per quantity. `order` puts the task's metrics in this order first (the
 * category's priority list); the others follow.
 */
export function prepareInput(
  task: string,
  entries: Array<{ name: string; examples: readonly ExampleResult[] }>,
  order: string[] = []
): PreparedInput {
  const def = TASKS[task]
  if (!def) throw new RangeError(`significance: task ${task} has no per-example metric definition`)
  if (entries.length < 2) throw new RangeError('significance: compare at least two entries')
  const notes: string[] = []
  const keyed = entries.map((entry) => new Map(entry.examples.map((e) => [exampleKey(e), e])))
  // Units in the first entry's order (stored order = gold order), kept when every entry has them.
  const common = [...keyed[0]!.keys()].filter((key) => keyed.every((map) => map.has(key)))
  entries.forEach((entry, i) => {
    const dropped = keyed[i]!.size - common.length
    if (dropped > 0) notes.push(`${entry.name}: ${dropped} example(s) not predicted by every compared entry are left out`)
  })
  if (common.length === 0) throw new RangeError('significance: the entries have no example in common')

  // Unit of each common example: itself, or its dialog (in first-seen order).
  const unitOf = new Map<string, number>()
  const exampleUnit = common.map((key) => {
    const id = def.unit === 'dialog' ? keyed[0]!.get(key)!.dialogId : key
    if (!unitOf.has(id)) unitOf.set(id, unitOf.size)
    return unitOf.get(id)!
  })
  const units = unitOf.size
  const columnNames = Object.keys(def.columns)
  const input: SignificanceInput = {
    units,
    entries: entries.map((entry, i) => ({
      name: entry.name,
      columns: columnNames.map((name) => {
        const extract = def.columns[name]!
        const column = new Float64Array(units)
        common.forEach((key, k) => {
          column[exampleUnit[k]!]! += extract(keyed[i]!.get(key)!)
        })
        return column
      })
    })),
    metrics: orderMetrics(def.metrics, order).map((m): MetricSpec => ({
      ...m,
      columns: m.columns.map((c) => (c === 'one' ? ONE : columnNames.indexOf(c)))
    }))
  }
  return { input, unit: def.unit, notes }
}

function orderMetrics(metrics: MetricDef[], order: string[]): MetricDef[] {
  const rank = (m: MetricDef): number => (order.includes(m.metric) ? order.indexOf(m.metric) : order.length + metrics.indexOf(m))
  return [...metrics].sort((a, b) => rank(a) - rank(b))
}
