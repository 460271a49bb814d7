import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/main/scoring/input-error'
import { formatPath, parseJson } from '../../src/main/scoring/json-input'
import { scoreApiPrediction } from '../../src/main/scoring/simmc-st1'
import { scoreRetrieval } from '../../src/main/scoring/simmc-st2-retrieval'
import { scoreDst } from '../../src/main/scoring/simmc-st3'

const st1Opts = { singleRound: false, goldName: 'gold_api_calls.json', predName: 'subtask-1.json' }
const st2Opts = { singleRound: false, goldName: 'gold_retrieval_candidates.json', predName: 'subtask-2-retrieval.json' }
const st3Opts = { singleRound: false, goldName: 'gold_dst.txt', predName: 'subtask-3.txt' }

/** Runs fn, expects an InputError and returns it. */
function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return e as InputError
  }
  throw new Error('expected an InputError')
}

const st1Gold = JSON.stringify([
  {
    dialog_id: 10,
    actions: [
      { action: 'SearchDatabase', action_supervision: { args: { attributes: ['color'] } } },
      { action: 'None', action_supervision: null }
    ]
  },
  { dialog_id: 11, actions: [{ action: 'None', action_supervision: null }] }
])
const good = (turn: number, extra: object = {}) => ({
  turn_id: turn,
  action: turn === 0 ? 'SearchDatabase' : 'None',
  action_log_prob: { SearchDatabase: -0.1, None: -2 },
  attributes: { attributes: ['color'] },
  ...extra
})
const st1 =
  (pred: unknown, raw = false) =>
  () =>
    scoreApiPrediction(st1Gold, raw ? (pred as string) : JSON.stringify(pred), st1Opts)

describe('JSON helpers', () => {
  it('formats paths', () => {
    expect(formatPath([2, 'predictions', 0, 'action_log_prob'])).toBe('[2].predictions[0].action_log_prob')
    expect(formatPath(['retrieval_candidates', 1, 'a b'])).toBe('retrieval_candidates[1]["a b"]')
    expect(formatPath([])).toBe('')
  })

  it('reads the NaN / Infinity literals Python writes, keeps __proto__ as a key', () => {
    expect(parseJson('{"a": [NaN, Infinity, -Infinity, 1.5e3], "__proto__": 1}', 'x.json')).toEqual(
      JSON.parse('{"a": [null, null, null, 1500], "__proto__": 1}', (k, v) => (k === 'a' ? [NaN, Infinity, -Infinity, 1500] : v))
    )
    expect(parseJson('\uFEFF[1]', 'x.json')).toEqual([1])
  })

  it('reports syntax errors with file, line and column', () => {
    const e = inputError(() => parseJson('[\n  {"a": 1,}\n]', 'subtask-1.json'))
    expect(e.message).toBe('subtask-1.json at line 2, column 11: invalid JSON: expected a property name in double quotes')
    expect(inputError(() => parseJson('[1, 2', 'f.json')).problem).toMatch(/expected ','/)
    expect(inputError(() => parseJson('', 'f.json')).problem).toBe('invalid JSON: unexpected end of file')
  })
})

describe('subtask 1 validation', () => {
  it('accepts the good file', () => {
    expect(st1([{ dialog_id: 10, predictions: [good(0), good(1)] }])().n).toBe(2)
  })

  it('wrong top-level type', () => {
    expect(inputError(st1({ dialog_id: 10 })).message).toBe('subtask-1.json: expected an array of dialogs, got an object')
    expect(inputError(() => scoreApiPrediction('{}', '[]', st1Opts)).message).toBe(
      'gold_api_calls.json: expected an array of dialogs, got an object'
    )
  })

  it('missing dialog_id / turn_id', () => {
    expect(inputError(st1([{ predictions: [] }])).message).toBe('subtask-1.json at [0].dialog_id: missing')
    const { turn_id: _t, ...noTurn } = good(0)
    expect(inputError(st1([{ dialog_id: 10, predictions: [noTurn] }])).message).toBe(
      'subtask-1.json at [0].predictions[0].turn_id: missing'
    )
  })

  it('no action_log_prob: scored without the perplexity, with the official KeyError named', () => {
    const { action_log_prob: _l, ...noLogProb } = good(1)
    const r = st1([
      { dialog_id: 11, predictions: [] },
      { dialog_id: 10, predictions: [good(0), noLogProb] }
    ])()
    expect(r.metrics).toEqual({ action_accuracy: 1, attribute_accuracy: expect.closeTo(2 / (2 + 1e-5), 15) })
    expect(Object.keys(r.stderr)).toEqual(['action_accuracy', 'attribute_accuracy'])
    expect(r.warnings).toEqual([
      {
        code: 'official-script-fails',
        message:
          "official script would fail here: KeyError 'action_log_prob': [1].predictions[1] has no action_log_prob; 1 of 2 scored predictions lack the gold action's log-prob (1 have no action_log_prob at all). Podium scored action and attribute accuracy; action_perplexity is not reported"
      }
    ])
    expect(r.examples[1]!.detail!.goldLogProb).toBeNull()
    // A wrong type is not the format at all: still refused.
    expect(inputError(st1([{ dialog_id: 10, predictions: [good(0, { action_log_prob: null })] }])).message).toBe(
      'subtask-1.json at [0].predictions[0].action_log_prob: expected an object, got null'
    )
  })

  it('unknown dialog id', () => {
    expect(inputError(st1([{ dialog_id: 99, predictions: [] }])).message).toBe(
      'subtask-1.json at [0].dialog_id: unknown dialog id 99 (not in gold_api_calls.json)'
    )
    expect(inputError(st1([{ dialog_id: '10', predictions: [] }])).problem).toBe('unknown dialog id "10" (not in gold_api_calls.json)')
  })

  it('turn index out of range or not an integer', () => {
    expect(inputError(st1([{ dialog_id: 11, predictions: [good(1)] }])).message).toBe(
      'subtask-1.json at [0].predictions[0].turn_id: turn 1 out of range (dialog 11 has 1 turns in gold_api_calls.json)'
    )
    expect(inputError(st1([{ dialog_id: 11, predictions: [good(-1)] }])).problem).toMatch(/turn -1 out of range/)
    expect(inputError(st1([{ dialog_id: 11, predictions: [good(0.5)] }])).problem).toBe('expected an integer, got 0.5')
  })

  it('duplicate predictions for a turn, also across repeated dialog entries: counted twice, as the official script does', () => {
    const twice = st1([{ dialog_id: 10, predictions: [good(0), good(0, { action: 'None' })] }])()
    expect(twice.n).toBe(2)
    expect(twice.metrics.action_accuracy).toBe(0.5)
    expect(twice.coverage).toEqual({ predicted: 1, total: 3 })
    expect(twice.warnings).toEqual([
      {
        code: 'duplicate-predictions',
        message:
          '1 duplicate prediction counted twice, as the official script does (it scores every prediction it is given): dialog 10 turn 0 at [0].predictions[1] (first at [0].predictions[0])'
      }
    ])
    const across = st1([
      { dialog_id: 10, predictions: [good(1)] },
      { dialog_id: 11, predictions: [good(0, { action: 'None' })] },
      { dialog_id: 10, predictions: [good(1)] }
    ])()
    expect(across.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['10', 1],
      ['11', 0],
      ['10', 1]
    ])
    expect(across.warnings![0]!.message).toMatch(
      /^1 duplicate prediction counted twice.*dialog 10 turn 1 at \[2\]\.predictions\[0\] \(first at \[0\]\.predictions\[0\]\)$/
    )
    const thrice = st1([{ dialog_id: 10, predictions: [good(1), good(1), good(1)] }])()
    expect(thrice.warnings![0]!.message).toMatch(/^2 duplicate predictions each copy counted, as the official script does/)
  })

  it('NaN / Infinity written by Python are named at their path', () => {
    const text = JSON.stringify([{ dialog_id: 10, predictions: [good(0), good(1)] }]).replace('"None":-2', '"None":NaN')
    expect(inputError(st1(text, true)).message).toBe(
      'subtask-1.json at [0].predictions[0].action_log_prob.None: expected a finite number, got NaN'
    )
    const inf = JSON.stringify([{ dialog_id: 10, predictions: [good(0)] }]).replace('-0.1', '-Infinity')
    expect(inputError(st1(inf, true)).problem).toBe('expected a finite number, got -Infinity')
  })

  it('gold action missing from action_log_prob: scored without the perplexity, with the official KeyError named', () => {
    const p = good(1, { action_log_prob: { SearchDatabase: -1 } })
    const r = st1([{ dialog_id: 10, predictions: [p] }])()
    // No attribute scored: the official nan is left out with a note, never printed as null.
    expect(r.metrics).toEqual({ action_accuracy: 1 })
    expect(r.warnings![0]).toEqual({
      code: 'not-reported',
      message: 'attribute_accuracy is not reported: no attribute was scored (the official script prints nan)'
    })
    expect(r.warnings![1]!.message).toBe(
      "official script would fail here: KeyError 'None': [0].predictions[0].action_log_prob has no log-prob for the gold action; 1 of 1 scored predictions lack the gold action's log-prob. Podium scored action and attribute accuracy; action_perplexity is not reported"
    )
  })

  it('gold actions named like Object.prototype members are plain keys', () => {
    const gold = JSON.stringify([{ dialog_id: 1, actions: [{ action: 'constructor', action_supervision: { toString: ['a'] } }] }])
    const pred = (extra: object) => JSON.stringify([{ dialog_id: 1, predictions: [{ turn_id: 0, action: 'constructor', ...extra }] }])
    const r = scoreApiPrediction(gold, pred({ action_log_prob: {}, attributes: { toString: ['a'] } }), st1Opts)
    expect(r.metrics.action_accuracy).toBe(1)
    expect(r.metrics.action_perplexity).toBeUndefined()
    expect(r.warnings![0]!.message).toMatch(/KeyError 'constructor'/)
    const ok = scoreApiPrediction(gold, pred({ action_log_prob: { constructor: -0.5 }, attributes: { toString: ['a'] } }), st1Opts)
    expect(ok.metrics.action_perplexity).toBe(Math.exp(0.5))
    expect(inputError(() => scoreApiPrediction(gold, pred({ action_log_prob: { constructor: -0.5 }, attributes: {} }), st1Opts)).path).toBe(
      '[0].predictions[0].attributes.toString'
    )
  })

  it('a perplexity that overflows is left out with a note, never printed as null', () => {
    const r = st1([{ dialog_id: 10, predictions: [good(0, { action_log_prob: { SearchDatabase: -800, None: -1 } })] }])()
    expect(r.metrics.action_perplexity).toBeUndefined()
    expect(r.stderr.action_perplexity).toBeUndefined()
    expect(r.warnings![0]!.message).toBe(
      'action_perplexity is not reported: exp(800) overflows (mean log-prob of the gold actions -800; the official script prints inf)'
    )
  })

  it('nothing to score', () => {
    expect(inputError(st1([])).message).toBe('subtask-1.json: no predictions to score')
    expect(
      inputError(() =>
        scoreApiPrediction(st1Gold, JSON.stringify([{ dialog_id: 10, predictions: [good(0)] }]), { ...st1Opts, singleRound: true })
      ).problem
    ).toBe('no predictions to score for the last round of any dialog (single-round evaluation)')
  })

  it('missing attribute keys (the official script crashes with a KeyError)', () => {
    expect(inputError(st1([{ dialog_id: 10, predictions: [good(0, { attributes: {} })] }])).message).toBe(
      'subtask-1.json at [0].predictions[0].attributes.attributes: missing (the gold supervision in gold_api_calls.json has it)'
    )
    const { attributes: _a, ...noAttributes } = good(0)
    expect(inputError(st1([{ dialog_id: 10, predictions: [noAttributes] }])).path).toBe('[0].predictions[0].attributes')
    expect(inputError(st1([{ dialog_id: 10, predictions: [good(0, { attributes: { attributes: 'color' } })] }])).problem).toBe(
      'expected a list (gold value is a list), got a string'
    )
    // A wrong action never reads the attributes: no error, like the official script.
    expect(st1([{ dialog_id: 10, predictions: [good(0, { action: 'None', attributes: {} })] }])().metrics.attribute_accuracy).toBe(0)
  })

  it('invalid gold supervision values', () => {
    const gold = JSON.stringify([{ dialog_id: 1, actions: [{ action: 'A', action_supervision: { args: { color: 3, furniture_id: 4 } } }] }])
    expect(inputError(() => scoreApiPrediction(gold, '[]', st1Opts)).message).toBe(
      'gold_api_calls.json at [0].actions[0].action_supervision.args.color: expected a list or string, got a number'
    )
  })
})

describe('subtask 2 retrieval validation', () => {
  const gold = JSON.stringify({
    retrieval_candidates: [{ dialogue_idx: 3, retrieval_candidates: [{ gt_index: 1, retrieval_candidates: [5, 6, 7] }] }]
  })
  const st2 =
    (pred: unknown, raw = false) =>
    () =>
      scoreRetrieval(gold, raw ? (pred as string) : JSON.stringify(pred), st2Opts)

  it('accepts a good file', () => {
    expect(st2([{ dialog_id: 3, candidate_scores: [{ turn_id: 0, scores: [1, 2, 3] }] }])().metrics.mean).toBe(2)
  })

  it('wrong top-level types', () => {
    expect(inputError(st2({})).message).toBe('subtask-2-retrieval.json: expected an array of dialogs, got an object')
    expect(inputError(() => scoreRetrieval('[]', '[]', st2Opts)).message).toBe(
      'gold_retrieval_candidates.json: expected an object with "retrieval_candidates", got an array'
    )
  })

  it('missing fields, unknown dialog, turn out of range, duplicates', () => {
    expect(inputError(st2([{ candidate_scores: [] }])).message).toBe('subtask-2-retrieval.json at [0].dialog_id: missing')
    expect(inputError(st2([{ dialog_id: 3, candidate_scores: [{ scores: [1, 2, 3] }] }])).path).toBe('[0].candidate_scores[0].turn_id')
    expect(inputError(st2([{ dialog_id: 3, candidate_scores: [{ turn_id: 0 }] }])).path).toBe('[0].candidate_scores[0].scores')
    expect(inputError(st2([{ dialog_id: 4, candidate_scores: [] }])).problem).toMatch(/unknown dialog id 4/)
    expect(inputError(st2([{ dialog_id: 3, candidate_scores: [{ turn_id: 1, scores: [1, 2, 3] }] }])).problem).toMatch(
      /turn 1 out of range/
    )
  })

  it('a duplicate is ranked twice, as the official script does; nothing to score is refused', () => {
    const r = st2([
      {
        dialog_id: 3,
        candidate_scores: [
          { turn_id: 0, scores: [1, 2, 3] },
          { turn_id: 0, scores: [3, 2, 1] }
        ]
      }
    ])()
    expect(r.examples.map((e) => e.detail!.rank)).toEqual([2, 2])
    expect(r.n).toBe(2)
    expect(r.warnings![0]!.code).toBe('duplicate-predictions')
    expect(inputError(st2([])).message).toBe('subtask-2-retrieval.json: no predictions to score')
    expect(inputError(st2([{ dialog_id: 3, candidate_scores: [] }])).problem).toBe('no predictions to score')
  })

  it('scores list of the wrong length', () => {
    expect(inputError(st2([{ dialog_id: 3, candidate_scores: [{ turn_id: 0, scores: [1, 2] }] }])).message).toBe(
      'subtask-2-retrieval.json at [0].candidate_scores[0].scores: expected 3 scores (one per candidate in gold_retrieval_candidates.json), got 2'
    )
  })

  it('NaN / Infinity scores', () => {
    const text = '[{"dialog_id": 3, "candidate_scores": [{"turn_id": 0, "scores": [1, NaN, 3]}]}]'
    expect(inputError(st2(text, true)).message).toBe(
      'subtask-2-retrieval.json at [0].candidate_scores[0].scores[1]: expected a finite number, got NaN'
    )
    expect(inputError(st2(text.replace('NaN', 'Infinity'), true)).problem).toBe('expected a finite number, got Infinity')
  })
})

describe('subtask 3 validation', () => {
  const line = 'User : a => Belief State : A [ x = 1 ] <EOB> b <EOS>'

  it('fewer (or extra non-blank) prediction lines than gold turns', () => {
    expect(inputError(() => scoreDst(`${line}\n${line}\n`, `${line}\n`, st3Opts)).message).toBe(
      'subtask-3.txt: has 1 lines but gold_dst.txt has 2 turns: predictions are matched to gold turns by position'
    )
    expect(inputError(() => scoreDst(`${line}\n`, `${line}\n${line}\n`, st3Opts)).problem).toMatch(/has 2 lines/)
  })

  it('JSON: wrong top-level type, missing fields, unknown dialog, extra turn, bad slot', () => {
    const gold = JSON.stringify({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [] }] }] })
    const dst = (pred: unknown) => () => scoreDst(gold, JSON.stringify(pred), { ...st3Opts, predName: 'pred.json' })
    expect(inputError(dst({ data: [] })).message).toBe('pred.json at dialogue_data: missing')
    expect(inputError(dst({ dialogue_data: {} })).problem).toBe('expected an array, got an object')
    // Without dialogue_idx the dialogs are matched by position: the turn counts must agree.
    expect(inputError(dst({ dialogue_data: [{ dialogue: [] }] })).path).toBe('dialogue_data[0].dialogue')
    expect(inputError(dst({ dialogue_data: [{ dialogue_idx: 2, dialogue: [] }] })).message).toBe(
      'pred.json at dialogue_data[0].dialogue_idx: unknown dialog id 2 (not in gold_dst.txt)'
    )
    expect(inputError(dst({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [] }, { belief_state: [] }] }] })).message).toBe(
      'pred.json at dialogue_data[0].dialogue[1]: turn 1 out of range (dialog 1 has 1 turns in gold_dst.txt)'
    )
    expect(inputError(dst({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{}] }] })).path).toBe('dialogue_data[0].dialogue[0].belief_state')
    expect(
      inputError(dst({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [{ act: 'A', slots: [['x']] }] }] }] })).message
    ).toBe('pred.json at dialogue_data[0].dialogue[0].belief_state[0].slots[0]: expected a [name, value] pair, got an array of length 1')
    const dup = { dialogue_idx: 1, dialogue: [] }
    expect(inputError(dst({ dialogue_data: [dup, dup] })).problem).toBe('duplicate dialog id 1')
  })

  it('an invalid JSON prediction names the file and position', () => {
    const gold = JSON.stringify({ dialogue_data: [] })
    expect(inputError(() => scoreDst(gold, '{"dialogue_data": [}', st3Opts)).path).toBe('line 1, column 20')
  })
})
