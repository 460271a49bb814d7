import { describe, expect, it } from 'vitest'
import { scoreApiPrediction } from '../../src/main/scoring/simmc-st1'

const opts = { singleRound: false, goldName: 'gold_api_calls.json', predName: 'subtask-1.json' }
const ACTIONS = ['AddToCart', 'None', 'SearchDatabase', 'SpecifyInfo']

/** A prediction whose log-prob of `gold` is `logp` (others -9). */
function pred(turn: number, action: string, gold: string, logp: number, attributes?: object) {
  const action_log_prob = Object.fromEntries(ACTIONS.map((a) => [a, a === gold ? logp : -9]))
  return { turn_id: turn, action, action_log_prob, ...(attributes ? { attributes } : {}) }
}

const gold = [
  {
    dialog_id: 1,
    actions: [
      // Fashion style, wrapped in args; focus is in the ignore list.
      { turn_idx: 0, action: 'SearchDatabase', action_supervision: { args: { attributes: ['color', 'price'], focus: 3 } } },
      // Not wrapped; an empty gold list is skipped when the action is right.
      { turn_idx: 1, action: 'SpecifyInfo', action_supervision: { attributes: [] } },
      { turn_idx: 2, action: 'AddToCart', action_supervision: null }
    ]
  },
  { dialog_id: 2, actions: [{ turn_idx: 0, action: 'SpecifyInfo', action_supervision: { args: { attributes: ['brand'] } } }] }
]
const predictions = [
  {
    dialog_id: 1,
    predictions: [
      pred(0, 'SearchDatabase', 'SearchDatabase', Math.log(0.5), { attributes: ['color'] }),
      pred(1, 'SpecifyInfo', 'SpecifyInfo', Math.log(0.25), { attributes: ['x'] }),
      pred(2, 'SpecifyInfo', 'AddToCart', -2)
    ]
  },
  { dialog_id: 2, predictions: [pred(0, 'AddToCart', 'SpecifyInfo', -1, { attributes: ['brand'] })] }
]

const score = (g: unknown, p: unknown, singleRound = false) =>
  scoreApiPrediction(JSON.stringify(g), JSON.stringify(p), { ...opts, singleRound })

describe('subtask 1 (API prediction)', () => {
  const r = score(gold, predictions)
  const logps = [Math.log(0.5), Math.log(0.25), -2, -1]
  const meanLogp = logps.reduce((a, b) => a + b) / 4
  const stdLogp = Math.sqrt(logps.reduce((a, x) => a + (x - meanLogp) ** 2, 0) / 4)

  it('action accuracy and its std error', () => {
    expect(r.n).toBe(4)
    expect(r.metrics.action_accuracy).toBe(0.5) // [1, 1, 0, 0]
    expect(r.stderr.action_accuracy).toBeCloseTo(0.25, 15) // std 0.5 / sqrt(4)
  })

  it('perplexity = exp(-mean log p(gold)); std error = exp(-std)/sqrt(n) (official quirk)', () => {
    expect(r.metrics.action_perplexity).toBeCloseTo(Math.exp(-meanLogp), 12)
    expect(r.stderr.action_perplexity).toBeCloseTo(Math.exp(-stdLogp) / 2, 12)
  })

  it('attribute accuracy: list F1 with +1e-5, empty gold list skipped, wrong action = 0', () => {
    // turn 0: recall 1/2, precision 1 -> 2·0.5·1/(1.5 + 1e-5); turn 1 skipped (empty gold);
    // turn 2 has no supervision; dialog 2: action wrong -> 0 for "attributes".
    const f1 = 1 / 1.50001
    expect(r.metrics.attribute_accuracy).toBeCloseTo((f1 + 0) / 2, 15)
    expect(r.stderr.attribute_accuracy).toBeCloseTo(f1 / 2 / Math.sqrt(2), 15)
    expect(r.examples[0]!.detail!.attributeScore).toBeCloseTo(f1, 15)
    expect(r.examples[1]!.detail!.attributeCount).toBe(0)
  })

  it('a wrong action scores 0 even for an empty gold list (no emptiness check on that branch)', () => {
    const g = [{ dialog_id: 5, actions: [{ action: 'SearchDatabase', action_supervision: { args: { attributes: [], focus: 1 } } }] }]
    const p = [{ dialog_id: 5, predictions: [pred(0, 'None', 'SearchDatabase', -1)] }]
    const res = score(g, p)
    expect(res.metrics.attribute_accuracy).toBe(0)
    expect(res.examples[0]!.detail!.attributeCount).toBe(1) // focus ignored, attributes -> False
  })

  it('string attributes (furniture) use exact match; ignored keys need no prediction', () => {
    const g = [
      {
        dialog_id: 'f1',
        actions: [
          { action: 'Rotate', action_supervision: { args: { direction: 'left', furniture_id: 7 } } },
          { action: 'SearchFurniture', action_supervision: { args: { color: 'Brown', furnitureType: 'Sofas', minPrice: 1 } } }
        ]
      }
    ]
    const p = [
      {
        dialog_id: 'f1',
        predictions: [
          { turn_id: 0, action: 'Rotate', action_log_prob: { Rotate: -0.5 }, attributes: { direction: 'left' } },
          {
            turn_id: 1,
            action: 'SearchFurniture',
            action_log_prob: { SearchFurniture: -0.5 },
            attributes: { color: 'Brown', furnitureType: 'Beds' }
          }
        ]
      }
    ]
    const res = score(g, p)
    expect(res.metrics.attribute_accuracy).toBeCloseTo(2 / 3, 15) // [1, 1, 0]
    expect(res.examples[1]!.prediction).toBe('SearchFurniture color=Brown furnitureType=Beds')
  })

  it('confusion matrix over sorted gold ∪ predicted labels, counts[gold][pred]', () => {
    expect(r.confusion!.labels).toEqual(['AddToCart', 'SearchDatabase', 'SpecifyInfo'])
    expect(r.confusion!.counts).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 1]
    ])
  })

  it('per-example results and coverage', () => {
    expect(r.coverage).toEqual({ predicted: 4, total: 4 })
    expect(r.examples[0]).toMatchObject({ dialogId: '1', turn: 0, gold: 'SearchDatabase attributes=[color, price]', score: 1 })
    expect(r.examples[3]).toMatchObject({ dialogId: '2', turn: 0, prediction: 'AddToCart attributes=[brand]', score: 0 })
  })

  it('single round keeps the last gold round of each dialog only', () => {
    const s = score(gold, predictions, true)
    expect(s.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['1', 2],
      ['2', 0]
    ])
    expect(s.metrics.action_accuracy).toBe(0)
    expect(s.metrics.action_perplexity).toBeCloseTo(Math.exp(1.5), 12)
    expect(s.metrics.attribute_accuracy).toBe(0) // only dialog 2's wrong action
    expect(s.coverage).toEqual({ predicted: 2, total: 2 })
  })

  it('coverage counts gold turns without a prediction', () => {
    const s = score(gold, [predictions[0]])
    expect(s.coverage).toEqual({ predicted: 3, total: 4 })
  })
})
