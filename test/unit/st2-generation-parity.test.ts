// Parity with the official SIMMC response_evaluation.py (reference.json was produced by it).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScoreOptions } from '../../src/shared/scoring'
import { InputError } from '../../src/main/scoring/input-error'
import { loadPunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { scoreGeneration } from '../../src/main/scoring/simmc-st2-generation'

const SHARED = path.resolve(__dirname, '../../../shared/parity')
const MODEL = loadPunktModel(path.resolve(__dirname, '../../resources/nltk-punkt-english'))

interface ReferenceEntry {
  domain: string
  team: string
  single_round_evaluation?: boolean
  subtask: string
  metrics: Record<string, number>
  stderr?: Record<string, number>
}

const reference = JSON.parse(readFileSync(path.join(SHARED, 'reference.json'), 'utf8')) as ReferenceEntry[]
const entries = reference.filter((e) => e.subtask === '2-generation')

describe('SIMMC subtask-2 generation parity with the official script', () => {
  it('covers both domains, four teams, single round on and off', () => {
    expect(entries).toHaveLength(16)
  })

  it.each(entries.map((e) => [`${e.domain}/${e.team} single_round=${e.single_round_evaluation}`, e] as const))('%s', (_name, entry) => {
    const caseDir = path.join(SHARED, 'cases', entry.domain)
    const result = scoreGeneration(
      readFileSync(path.join(caseDir, 'gold_dials.json'), 'utf8'),
      readFileSync(path.join(caseDir, entry.team, 'subtask-2-generation.json'), 'utf8'),
      { singleRound: entry.single_round_evaluation === true, goldName: 'gold_dials.json', predName: 'subtask-2-generation.json' },
      MODEL
    )
    expect(Math.abs(result.metrics.bleu! - entry.metrics.bleu!)).toBeLessThanOrEqual(1e-9)
    expect(Math.abs(result.stderr.bleu! - entry.stderr!.bleu!)).toBeLessThanOrEqual(1e-9)
    expect(result.coverage.predicted).toBe(result.coverage.total)
  })
})

// ---------------------------------------------------------------------------
// Pairing, coverage and validation on small hand-made files.

const OPTS: ScoreOptions = { singleRound: false, goldName: 'gold_dials.json', predName: 'subtask-2-generation.json' }
const GOLD = JSON.stringify({
  split: 'devtest',
  domain: 'fashion',
  dialogue_data: [
    {
      dialogue_idx: 7,
      dialogue: [
        { turn_idx: 0, transcript: 'hi', system_transcript: 'what style do you like ?' },
        { turn_idx: 1, transcript: 'blue', system_transcript: 'here is a blue jacket .' }
      ]
    },
    { dialogue_idx: 9, dialogue: [{ turn_idx: 0, transcript: 'x', system_transcript: 'Sure!' }] }
  ]
})
const pred = (value: unknown): string => JSON.stringify(value)
const score = (predictions: unknown, opts: Partial<ScoreOptions> = {}) =>
  scoreGeneration(GOLD, pred(predictions), { ...OPTS, ...opts }, MODEL)

function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (err) {
    if (err instanceof InputError) return err
    throw err
  }
  throw new Error('expected an InputError')
}

describe('SIMMC subtask-2 generation scoring', () => {
  it('pairs predictions with gold rounds by position and reports examples', () => {
    const result = score([
      {
        dialog_id: 7,
        predictions: [
          { turn_id: 1, response: 'Here is a blue jacket.' },
          { turn_id: 0, response: 'what style?' }
        ]
      }
    ])
    expect(result.task).toBe('simmc-st2-generation')
    expect(result.n).toBe(2)
    expect(result.coverage).toEqual({ predicted: 2, total: 3 })
    expect(result.examples.map((e) => [e.dialogId, e.turn, e.gold, e.prediction])).toEqual([
      ['7', 1, 'here is a blue jacket .', 'Here is a blue jacket.'],
      ['7', 0, 'what style do you like ?', 'what style?']
    ])
    // Lower-cased and tokenized, the first response equals its gold: BLEU 1.
    expect(result.examples[0]!.score).toBeCloseTo(1, 15)
    // "what style ?" vs "what style do you like ?": p = 3/3, 1/2, 0.1/1, 0.1/1; BP = exp(1 - 6/3).
    const second = Math.exp(1 - 6 / 3) * Math.pow(1 * 0.5 * 0.1 * 0.1, 0.25)
    expect(result.examples[1]!.score).toBeCloseTo(second, 15)
    expect(result.metrics.bleu).toBeCloseTo((1 + second) / 2, 15)
    expect(result.stderr.bleu).toBeCloseTo(Math.abs(1 - second) / 2 / Math.sqrt(2), 15)
  })

  it('skips gold rounds without a prediction, as the official script does', () => {
    const result = score([{ dialog_id: 9, predictions: [{ turn_id: 0, response: 'sure !' }] }])
    expect(result.coverage).toEqual({ predicted: 1, total: 3 })
    expect(result.n).toBe(1)
    expect(result.stderr.bleu).toBe(0)
  })

  it('single-round evaluation keeps only the last round of each dialog', () => {
    const predictions = [
      {
        dialog_id: 7,
        predictions: [
          { turn_id: 0, response: 'what style do you like ?' },
          { turn_id: 1, response: 'a jacket' }
        ]
      },
      { dialog_id: 9, predictions: [{ turn_id: 0, response: 'sure!' }] }
    ]
    const result = score(predictions, { singleRound: true })
    expect(result.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['7', 1],
      ['9', 0]
    ])
    expect(result.coverage).toEqual({ predicted: 2, total: 2 })
  })

  it('scores a turn predicted twice twice, as the official script does, with a warning', () => {
    const result = score([
      { dialog_id: 7, predictions: [{ turn_id: 1, response: 'here is a blue jacket .' }] },
      { dialog_id: 9, predictions: [{ turn_id: 0, response: 'sure !' }] },
      { dialog_id: 7, predictions: [{ turn_id: 1, response: 'nothing alike' }] }
    ])
    expect(result.n).toBe(3)
    expect(result.examples.map((e) => [e.dialogId, e.turn, e.prediction])).toEqual([
      ['7', 1, 'here is a blue jacket .'],
      ['9', 0, 'sure !'],
      ['7', 1, 'nothing alike']
    ])
    // Coverage counts gold turns: the duplicate is one of them.
    expect(result.coverage).toEqual({ predicted: 2, total: 3 })
    expect(result.metrics.bleu).toBe((result.examples[0]!.score + result.examples[1]!.score + result.examples[2]!.score) / 3)
    expect(result.warnings).toEqual([
      {
        code: 'duplicate-predictions',
        message:
          '1 duplicate prediction counted twice, as the official script does (it scores every prediction it is given): dialog 7 turn 1 at [2].predictions[0] (first at [0].predictions[0])'
      }
    ])
    // A duplicate that single-round evaluation skips changes nothing and is not reported.
    const skipped = score(
      [
        {
          dialog_id: 7,
          predictions: [
            { turn_id: 0, response: 'a' },
            { turn_id: 0, response: 'b' },
            { turn_id: 1, response: 'c' }
          ]
        }
      ],
      { singleRound: true }
    )
    expect(skipped.n).toBe(1)
    expect(skipped.warnings).toBeUndefined()
  })

  it('refuses a file with nothing to score', () => {
    expect(inputError(() => score([])).message).toBe('subtask-2-generation.json: no predictions to score')
    const onlyFirstRound = [{ dialog_id: 7, predictions: [{ turn_id: 0, response: 'x' }] }]
    expect(inputError(() => score(onlyFirstRound, { singleRound: true })).problem).toMatch(/last round/)
  })

  const cases: [string, unknown, string][] = [
    ['wrong top-level type', { dialog_id: 7 }, 'subtask-2-generation.json: expected an array of dialogs, got an object'],
    ['a dialog that is not an object', [3], 'subtask-2-generation.json at [0]: expected an object, got a number'],
    ['missing dialog_id', [{ predictions: [] }], 'subtask-2-generation.json at [0].dialog_id: missing'],
    [
      'unknown dialog id',
      [{ dialog_id: 8, predictions: [] }],
      'subtask-2-generation.json at [0].dialog_id: unknown dialog id 8 (not in gold_dials.json)'
    ],
    [
      'a string id for a numeric gold id',
      [{ dialog_id: '7', predictions: [] }],
      'subtask-2-generation.json at [0].dialog_id: unknown dialog id "7" (not in gold_dials.json)'
    ],
    [
      'predictions not a list',
      [{ dialog_id: 7, predictions: {} }],
      'subtask-2-generation.json at [0].predictions: expected an array, got an object'
    ],
    [
      'missing turn_id',
      [{ dialog_id: 7, predictions: [{ response: 'x' }] }],
      'subtask-2-generation.json at [0].predictions[0].turn_id: missing'
    ],
    [
      'non-integer turn_id',
      [{ dialog_id: 7, predictions: [{ turn_id: 0.5, response: 'x' }] }],
      'subtask-2-generation.json at [0].predictions[0].turn_id: expected an integer, got 0.5'
    ],
    [
      'turn index out of range',
      [
        {
          dialog_id: 7,
          predictions: [
            { turn_id: 0, response: 'x' },
            { turn_id: 2, response: 'x' }
          ]
        }
      ],
      'subtask-2-generation.json at [0].predictions[1].turn_id: turn 2 out of range (dialog 7 has 2 turns in gold_dials.json)'
    ],
    [
      'negative turn index',
      [{ dialog_id: 7, predictions: [{ turn_id: -1, response: 'x' }] }],
      'subtask-2-generation.json at [0].predictions[0].turn_id: turn -1 out of range (dialog 7 has 2 turns in gold_dials.json)'
    ],
    [
      'missing response',
      [{ dialog_id: 7, predictions: [{ turn_id: 0 }] }],
      'subtask-2-generation.json at [0].predictions[0].response: missing'
    ],
    [
      'response not a string',
      [
        { dialog_id: 9, predictions: [] },
        {
          dialog_id: 7,
          predictions: [
            { turn_id: 0, response: 'x' },
            { turn_id: 1, response: 3 }
          ]
        }
      ],
      'subtask-2-generation.json at [1].predictions[1].response: expected a string, got a number'
    ]
  ]
  it.each(cases)('rejects %s', (_name, predictions, message) => {
    const err = inputError(() => score(predictions))
    expect(err.message).toBe(message)
    expect(err.file).toBe('subtask-2-generation.json')
  })

  it('rejects invalid JSON and a malformed gold file', () => {
    expect(inputError(() => scoreGeneration(GOLD, '[{', OPTS, MODEL)).message).toMatch(/^subtask-2-generation.json at line 1, column \d+: /)
    expect(inputError(() => scoreGeneration('[]', '[]', OPTS, MODEL)).message).toBe('gold_dials.json: expected an object, got an array')
    const badGold = JSON.stringify({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{ system_transcript: null }] }] })
    expect(inputError(() => scoreGeneration(badGold, '[]', OPTS, MODEL)).message).toBe(
      'gold_dials.json at dialogue_data[0].dialogue[0].system_transcript: expected a string, got null'
    )
    const dupGold = JSON.stringify({
      dialogue_data: [
        { dialogue_idx: 1, dialogue: [] },
        { dialogue_idx: 1, dialogue: [] }
      ]
    })
    expect(inputError(() => scoreGeneration(dupGold, '[]', OPTS, MODEL)).message).toBe(
      'gold_dials.json at dialogue_data[1].dialogue_idx: duplicate dialog id 1'
    )
  })
})
