import { describe, expect, it } from 'vitest'
import { buildConvai2Leaderboard } from '../../src/main/convai2/leaderboard'
import { answerTokens, maxF1, normalizeAnswer, precisionRecallF1, scoreConvai2F1 } from '../../src/main/scoring/convai2-f1'
import { goldGroup, hitAt1, scoreConvai2Hits1 } from '../../src/main/scoring/convai2-hits1'
import { corpusPerplexity, scoreConvai2Ppl } from '../../src/main/scoring/convai2-ppl'
import { InputError } from '../../src/main/scoring/input-error'
import { convai2Transcript } from '../../src/main/services/dialog-transcript'
import { SCORE_TASKS, scoreText } from '../../src/main/scoring/registry'
import { CONVAI2_BASELINES, formatConvai2 } from '../../src/shared/convai2'

const opts = { singleRound: false, goldName: 'gold.jsonl', predName: 'pred.jsonl' }
const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const noResources = {
  punkt: () => {
    throw new Error('not needed')
  }
}

/** The InputError a call throws (fails the test when it throws nothing or something else). */
function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

const CANDS = Array.from({ length: 20 }, (_, i) => `candidate number ${i}`)

describe('ParlAI normalize_answer', () => {
  it('lowercases, turns punctuation into spaces, drops whole-word articles, collapses whitespace', () => {
    expect(normalizeAnswer("The cat's an ANIMAL, a good one!")).toBe('cat s animal good one')
    expect(normalizeAnswer('a.b.c')).toBe('b c')
    expect(normalizeAnswer('an apple a day')).toBe('apple day')
    expect(normalizeAnswer('the__the')).toBe('')
    expect(normalizeAnswer('  many   spaces\tand\nlines ')).toBe('many spaces and lines')
  })

  it('keeps Python semantics: Unicode word boundaries and str.split whitespace', () => {
    // é is a word character for Python's \b: "éa" is one word, "thé" is not "the".
    expect(normalizeAnswer('éa a_b an-the thé')).toBe('éa b thé')
    // NBSP, NEL (\x85) and \x1c split; U+FEFF does not (JavaScript's \s would split it).
    expect(normalizeAnswer('x\u00a0the\u0085y\u001cz\ufeffa')).toBe('x y z\ufeff')
    // A combining mark is not a word character: the "a" before it is an article.
    expect(normalizeAnswer('a\u0301 b')).toBe('\u0301 b')
    expect(normalizeAnswer('2a a2 a')).toBe('2a a2')
    expect(answerTokens('Hello, World!')).toEqual(['hello', 'world'])
  })
})

describe('F1 (ParlAI _prec_recall_f1_score, max over references)', () => {
  it('counts a multiset overlap', () => {
    expect(precisionRecallF1(['dog', 'dog', 'dog'], ['dog'])).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5 })
    expect(precisionRecallF1(['a'], ['b'])).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(precisionRecallF1([], ['b'])).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('takes the best reference', () => {
    // pred → [cat, sat, on, mat]; ref 0 → [cat, is, on, mat]: 3 common, P = R = 3/4.
    // ref 1 → [cat, cat, sat]: 2 common, P = 1/2, R = 2/3, F1 = 4/7.
    const s = maxF1('The cat sat on the mat.', ['A cat is on a mat', 'cat cat sat'])
    expect(s).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75, best: 0 })
    expect(maxF1('The cat sat on the mat.', ['cat cat sat']).f1).toBeCloseTo(4 / 7, 15)
    expect(maxF1('cat sat', ['cat cat sat', 'A cat is on a mat']).best).toBe(0)
    expect(maxF1('zzz', ['a b', 'c d'])).toEqual({ precision: 0, recall: 0, f1: 0, best: 0 })
  })

  it('scores a file: mean, population std error, coverage, gold order', () => {
    const gold = jsonl([
      { id: 'a', context: ['hi'], references: ['A cat is on a mat', 'cat cat sat'] },
      { id: 'b', references: ['dog'] },
      { id: 'c', references: ['unused'] }
    ])
    const pred = jsonl([
      { id: 'b', response: 'dog dog dog' },
      { id: 'a', response: 'The cat sat on the mat.' }
    ])
    const r = scoreConvai2F1(gold, pred, opts)
    expect(r.task).toBe('convai2-f1')
    expect(r.n).toBe(2)
    expect(r.metrics).toEqual({ f1: 0.625 })
    // population std of [0.75, 0.5] = 0.125, / sqrt(2)
    expect(r.stderr.f1).toBeCloseTo(0.125 / Math.SQRT2, 15)
    expect(r.coverage).toEqual({ predicted: 2, total: 3 })
    expect(r.examples.map((e) => [e.dialogId, e.turn, e.score])).toEqual([
      ['a', 0, 0.75],
      ['b', 1, 0.5]
    ])
    expect(r.examples[0]!.gold).toBe('A cat is on a mat')
  })

  it('accepts a JSON array as well as JSON Lines, through the registry', () => {
    const gold = JSON.stringify([{ id: 1, references: ['yes indeed'] }])
    const pred = JSON.stringify([{ id: 1, response: 'yes' }])
    // P = 1, R = 1/2 → F1 = 2/3
    const r = scoreText('convai2-f1', gold, pred, opts, noResources)
    expect(r.metrics.f1).toBeCloseTo(2 / 3, 15)
    expect(SCORE_TASKS).toEqual(expect.arrayContaining(['convai2-f1', 'convai2-hits1', 'convai2-ppl']))
  })
})

describe('Hits@1 with conservative ties', () => {
  const scores = (top: number[], value = 1): number[] => CANDS.map((_, i) => (top.includes(i) ? value : 0))

  it('hit only when the gold candidate is strictly highest', () => {
    expect(hitAt1(scores([3]), 3).hit).toBe(true)
    const tie = hitAt1(scores([3, 9]), 3)
    expect(tie).toMatchObject({ hit: false, tiedWithGold: 1, bestOtherIndex: 9 })
    expect(hitAt1(scores([9]), 3).hit).toBe(false)
    expect(
      hitAt1(
        CANDS.map(() => 0.5),
        3
      )
    ).toMatchObject({ hit: false, tiedWithGold: 19 })
    expect(hitAt1([-1, -2, -3], 0).hit).toBe(true)
  })

  it('a verbatim copy of the gold reply among the distractors counts as the gold reply', () => {
    const cands = [...CANDS]
    cands[3] = 'The answer!'
    cands[7] = 'answer'
    const group = goldGroup(cands, 3)
    expect(group.filter(Boolean).length).toBe(2)
    expect(group[7]).toBe(true)
    expect(hitAt1(scores([7]), 3, group).hit).toBe(true)
    expect(hitAt1(scores([7, 8]), 3, group).hit).toBe(false)
  })

  it('scores a file: mean and std error', () => {
    const gold = jsonl([0, 1, 2, 3].map((i) => ({ id: i, references: ['x'], candidates: CANDS, gold_index: 3 })))
    const pred = jsonl([
      { id: 0, candidate_scores: scores([3]) }, // hit
      { id: 1, candidate_scores: scores([3, 4]) }, // tie at the top: miss
      { id: 2, candidate_scores: scores([5]) }, // miss
      { id: 3, candidate_scores: scores([3], -0.5).map((s) => s - 1) } // gold -1.5 vs -1: miss
    ])
    const r = scoreConvai2Hits1(gold, pred, opts)
    expect(r.examples.map((e) => e.score)).toEqual([1, 0, 0, 0])
    expect(r.metrics).toEqual({ hits1: 0.25 })
    // population std of [1, 0, 0, 0] = sqrt(3)/4, / sqrt(4)
    expect(r.stderr.hits1).toBeCloseTo(Math.sqrt(3) / 8, 15)
    expect(r.examples[1]).toMatchObject({ gold: CANDS[3], prediction: CANDS[4], detail: { tiedWithGold: 1 } })
  })
})

describe('perplexity', () => {
  const ln = Math.log
  it('exp(total NLL / total tokens), not a mean of per-example perplexities', () => {
    // A: p = 1/2, 1/4 → NLL 3 ln 2 over 2 tokens; B: p = 1/2 → ln 2 over 1 token.
    const gold = jsonl([
      { id: 'A', references: ['hello there'], reference_tokens: ['hello', 'there'] },
      { id: 'B', references: ['bye'] }
    ])
    const pred = jsonl([
      { id: 'A', token_logprobs: [ln(0.5), ln(0.25)] },
      { id: 'B', token_logprobs: [ln(0.5)] }
    ])
    const r = scoreConvai2Ppl(gold, pred, opts)
    expect(r.metrics.ppl).toBeCloseTo(2 ** (4 / 3), 12)
    expect(r.examples.map((e) => e.score)).toEqual([expect.closeTo(2 ** 1.5, 12), expect.closeTo(2, 12)])
    // residuals ±ln2/3 → SE(R) = sqrt(2)·ln2/3 / 3, SE(ppl) = ppl · SE(R)
    expect(r.stderr.ppl).toBeCloseTo((2 ** (4 / 3) * Math.SQRT2 * ln(2)) / 9, 12)
    expect(r.n).toBe(2)
  })

  it('std error is 0 when every example has the same per-token loss', () => {
    const p = corpusPerplexity([
      { nll: 2, tokens: 1 },
      { nll: 6, tokens: 3 }
    ])
    expect(p.ppl).toBeCloseTo(Math.exp(2), 12)
    expect(p.stderr).toBe(0)
  })
})

describe('examples grouped by dialog (error analysis)', () => {
  // ParlAI lists a dialog's turns in a row, each with the whole history before it.
  const gold = jsonl([
    { id: 'd1-t0', context: ['hi'], references: ['hello'] },
    { id: 'd1-t1', context: ['hi', 'hello', 'how are you?'], references: ['fine'] },
    { id: 'd1-t2', context: 'hi\nhello\nhow are you?\nfine\nand you?', references: ['good'] },
    { id: 'x', context: ['hi', 'hello', 'something else'], references: ['no'] },
    { id: 'y', context: ['other'], references: ['dialog'] },
    { id: 'z', references: ['no context'] }
  ])
  const pred = jsonl(['d1-t0', 'd1-t1', 'd1-t2', 'x', 'y', 'z'].map((id) => ({ id, response: 'fine thanks' })))

  it('names each turn by its dialog (the first example id) when its context continues the previous example', () => {
    const r = scoreConvai2F1(gold, pred, opts)
    expect(r.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['d1-t0', 0],
      ['d1-t0', 1],
      ['d1-t0', 2],
      ['x', 3], // the context does not continue with the previous gold reply ("fine")
      ['y', 4],
      ['z', 5]
    ])
  })

  it('gives the dialog context as user utterances and gold replies, turn by turn', () => {
    expect(convai2Transcript(gold, 'gold.jsonl', 'd1-t0')).toEqual([
      { turn: 0, user: 'hi', system: 'hello' },
      { turn: 1, user: 'how are you?', system: 'fine' },
      { turn: 2, user: 'and you?', system: 'good' }
    ])
    expect(convai2Transcript(gold, 'gold.jsonl', 'nope')).toBeNull()
  })
})

describe('input errors name the file and the position', () => {
  const goldOk = jsonl([{ id: 1, references: ['a b'], candidates: CANDS, gold_index: 0 }])

  it('gold problems', () => {
    const short = inputError(() =>
      scoreConvai2Hits1(
        jsonl([
          { id: 1, references: ['x'] },
          { id: 2, candidates: CANDS.slice(1), gold_index: 0 }
        ]),
        '[]',
        opts
      )
    )
    expect(short.message).toBe('gold.jsonl at line 2, candidates: expected 20 candidates (ConvAI2 ranks 20 per example), got 19')
    const arr = inputError(() =>
      scoreConvai2F1(
        JSON.stringify([
          { id: 1, references: ['x'] },
          { id: 2, references: ['y', 3] }
        ]),
        '[]',
        opts
      )
    )
    expect(arr.message).toBe('gold.jsonl at [1].references[1]: expected a string, got a number')
    const range = inputError(() => scoreConvai2Hits1(jsonl([{ id: 1, candidates: CANDS, gold_index: 20 }]), '[]', opts))
    expect(range.path).toBe('line 1, gold_index')
    const dup = inputError(() =>
      scoreConvai2F1(
        jsonl([
          { id: 1, references: ['x'] },
          { id: 1, references: ['y'] }
        ]),
        '[]',
        opts
      )
    )
    expect(dup.message).toBe('gold.jsonl at line 2, id: duplicate id 1 (first at line 1)')
    const syntax = inputError(() => scoreConvai2F1('{"id": 1, "references": ["x"]}\n\n{"id": 2,, }\n', '[]', opts))
    expect(syntax.message).toMatch(/^gold\.jsonl at line 3, column 10: invalid JSON/)
    const needs = inputError(() => scoreConvai2Hits1(jsonl([{ id: 1, references: ['x'] }]), '[]', opts))
    expect(needs.message).toBe('gold.jsonl at line 1, candidates: missing (convai2-hits1 needs it for every gold example)')
  })

  it('prediction problems', () => {
    const unknown = inputError(() => scoreConvai2F1(goldOk, jsonl([{ id: '1', response: 'a' }]), opts))
    expect(unknown.message).toBe('pred.jsonl at line 1, id: unknown id "1" (not in gold.jsonl); the gold file has a number 1')
    const dup = inputError(() =>
      scoreConvai2F1(
        goldOk,
        jsonl([
          { id: 1, response: 'a' },
          { id: 1, response: 'b' }
        ]),
        opts
      )
    )
    expect(dup.path).toBe('line 2, id')
    const missing = inputError(() => scoreConvai2F1(goldOk, jsonl([{ id: 1, candidate_scores: CANDS.map(() => 0) }]), opts))
    expect(missing.message).toBe('pred.jsonl at line 1, response: missing (convai2-f1 needs it for every prediction)')
    const count = inputError(() => scoreConvai2Hits1(goldOk, jsonl([{ id: 1, candidate_scores: [1, 2] }]), opts))
    expect(count.message).toBe('pred.jsonl at line 1, candidate_scores: expected 20 scores (one per candidate in gold.jsonl), got 2')
    const nan = inputError(() => scoreConvai2Hits1(goldOk, JSON.stringify([{ id: 1, candidate_scores: ['x'] }]), opts))
    expect(nan.path).toBe('[0].candidate_scores[0]')
    const positive = inputError(() => scoreConvai2Ppl(goldOk, jsonl([{ id: 1, token_logprobs: [-1, 0.5] }]), opts))
    expect(positive.path).toBe('line 1, token_logprobs[1]')
    const zero = inputError(() => scoreConvai2Ppl(goldOk, '{"id": 1, "token_logprobs": [-1, -Infinity]}', opts))
    expect(zero.message).toMatch(/token_logprobs\[1\]: -Infinity is a zero probability/)
    const goldTokens = jsonl([{ id: 1, references: ['a b'], reference_tokens: ['a', 'b'] }])
    const tokens = inputError(() => scoreConvai2Ppl(goldTokens, jsonl([{ id: 1, token_logprobs: [-1] }]), opts))
    expect(tokens.message).toBe(
      'pred.jsonl at line 1, token_logprobs: expected 2 log-probabilities (one per token of reference_tokens in gold.jsonl), got 1'
    )
    expect(inputError(() => scoreConvai2F1(goldOk, '  \n', opts)).message).toMatch(/^pred\.jsonl: the file is empty/)
  })
})

describe('ConvAI2 baselines and leaderboard', () => {
  it('stores the table in Podium units (fractions for Hits@1 and F1)', () => {
    for (const b of CONVAI2_BASELINES) {
      expect(b.metrics.ppl ?? null).toBe(b.table.ppl)
      expect(b.metrics.hits1 === undefined ? null : b.metrics.hits1 * 100).toEqual(
        b.table.hits1Percent === null ? null : expect.closeTo(b.table.hits1Percent, 10)
      )
      expect(b.metrics.f1 === undefined ? null : b.metrics.f1 * 100).toEqual(
        b.table.f1Percent === null ? null : expect.closeTo(b.table.f1Percent, 10)
      )
    }
    expect(CONVAI2_BASELINES.map((b) => b.name)).toEqual(['Seq2Seq + Attention', 'Language Model', 'KV Profile Memory'])
    expect(formatConvai2('f1', 0.1682)).toBe('16.82')
    expect(formatConvai2('ppl', 35.07)).toBe('35.07')
    expect(formatConvai2('hits1', null)).toBe('-')
  })

  const v = (value: number) => ({ value })
  const entries = [
    { team: 'Beta', metrics: { f1: v(0.1682), ppl: v(36) } }, // ties Seq2Seq F1, worse PPL: not eligible
    { team: 'Alpha', metrics: { f1: v(0.1785), hits1: v(0.743), ppl: v(23.05) } },
    { team: 'Gamma', metrics: { hits1: v(0.6) } }, // beats KV Profile Memory's 55.1
    { team: 'Delta', metrics: { ppl: v(35.0) } }, // beats Seq2Seq's 35.07
    { team: 'Eps', metrics: { f1: v(0.2) }, flags: ['trained on the test set'] }
  ]

  it('best per metric among teams, baseline filter, wild slots in leaderboard order', () => {
    const board = buildConvai2Leaderboard(entries, { wildSlots: 2 })
    const row = (team: string) => board.rows.find((r) => r.team === team)!
    expect(board.rows.map((r) => r.team)).toEqual([
      'Eps',
      'Alpha',
      'Beta',
      'Gamma',
      'Delta',
      'Seq2Seq + Attention',
      'Language Model',
      'KV Profile Memory'
    ])
    expect(board.best.f1).toEqual({ value: 0.2, teams: ['Eps'] })
    expect(board.best.hits1).toEqual({ value: 0.743, teams: ['Alpha'] })
    expect(board.best.ppl).toEqual({ value: 23.05, teams: ['Alpha'] })
    expect(row('Alpha')).toMatchObject({
      eligible: true,
      bestIn: ['ppl', 'hits1'],
      beatsBaselinesIn: ['ppl', 'hits1', 'f1'],
      wild: true,
      position: 2
    })
    expect(row('Beta')).toMatchObject({
      eligible: false,
      reasons: ['not better than the baselines in any of: ppl, hits1, f1'],
      wild: false
    })
    expect(row('Gamma')).toMatchObject({ eligible: true, beatsBaselinesIn: ['hits1'], wild: true })
    expect(row('Delta')).toMatchObject({ eligible: true, beatsBaselinesIn: ['ppl'], wild: false })
    expect(row('Eps')).toMatchObject({ eligible: false, reasons: ['flagged: trained on the test set'], bestIn: ['f1'], wild: false })
    expect(row('KV Profile Memory')).toMatchObject({ baseline: true, eligible: false, position: null, bestIn: [], wild: false })
    expect(board.wild).toEqual({ slots: 2, selected: ['Alpha', 'Gamma'], note: null })
    // The default is the seed's 10 slots: every eligible team fits.
    expect(buildConvai2Leaderboard(entries).wild.selected).toEqual(['Alpha', 'Gamma', 'Delta'])
  })

  it('says when the last wild slot splits a tie', () => {
    const board = buildConvai2Leaderboard(
      [
        { team: 'Z', metrics: { f1: v(0.18) } },
        { team: 'Y', metrics: { f1: v(0.18) } }
      ],
      { wildSlots: 1 }
    )
    expect(board.wild.selected).toEqual(['Y'])
    expect(board.wild.note).toMatch(/"Z" ties with "Y"/)
    expect(board.rows.slice(0, 2).map((r) => [r.team, r.position])).toEqual([
      ['Y', 1],
      ['Z', 1]
    ])
  })
})
