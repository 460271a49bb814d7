// Bad input is a clean refusal (an InputError naming the file, one line), never a stack
// overflow, a silent null or a number read off Object.prototype.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scoreConvai2F1 } from '../../src/main/scoring/convai2-f1'
import { scoreConvai2Hits1 } from '../../src/main/scoring/convai2-hits1'
import { scoreConvai2Ppl } from '../../src/main/scoring/convai2-ppl'
import { InputError } from '../../src/main/scoring/input-error'
import { readInput } from '../../src/main/scoring/score-files'
import { scoreApiPrediction } from '../../src/main/scoring/simmc-st1'
import { scoreDst } from '../../src/main/scoring/simmc-st3'
import { firstInvalidUtf8 } from '../../src/main/scoring/utf8'

function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('expected an InputError')
}

const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`
const opts = { singleRound: false, goldName: 'gold', predName: 'pred' }
const dir = mkdtempSync(join(tmpdir(), 'podium-bad-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('deep nesting (5,000 levels)', () => {
  it('st1 attributes and gold supervision: refused at their path, not RangeError', () => {
    const gold = JSON.stringify([{ dialog_id: 1, actions: [{ action: 'A', action_supervision: { color: ['red'] } }] }])
    const pred = `[{"dialog_id": 1, "predictions": [{"turn_id": 0, "action": "A", "action_log_prob": {"A": -1}, "attributes": {"color": [${deep(5000)}]}}]}]`
    expect(inputError(() => scoreApiPrediction(gold, pred, opts)).message).toBe(
      'pred at [0].predictions[0].attributes: nested more than 512 levels deep'
    )
    const deepGold = `[{"dialog_id": 1, "actions": [{"action": "A", "action_supervision": {"color": [${deep(5000)}]}}]}]`
    expect(inputError(() => scoreApiPrediction(deepGold, '[]', opts)).message).toBe(
      'gold at [0].actions[0].action_supervision.color: nested more than 512 levels deep'
    )
  })

  it('DST JSON slot values: refused, not RangeError in the Python repr', () => {
    const gold = JSON.stringify({ dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [{ act: 'A', slots: [['x', '1']] }] }] }] })
    const pred = `{"dialogue_data": [{"dialogue_idx": 1, "dialogue": [{"belief_state": [{"act": "A", "slots": [["x", ${deep(5000)}]]}]}]}]}`
    expect(inputError(() => scoreDst(gold, pred, opts)).path).toBe('dialogue_data[0].dialogue[0].belief_state[0].slots[0]')
  })
})

describe('nothing to score', () => {
  const cGold = JSON.stringify([{ id: 1, references: ['hi there'], candidates: [...Array(19).fill('no'), 'hi there'], gold_index: 19 }])
  it('ConvAI2: [] predictions are refused for every metric', () => {
    for (const score of [scoreConvai2F1, scoreConvai2Hits1, scoreConvai2Ppl]) {
      expect(inputError(() => score(cGold, '[]', opts)).message).toBe('pred: no predictions to score')
    }
  })

  it('DST: an empty gold file is refused against the gold file', () => {
    expect(inputError(() => scoreDst('', '', opts)).message).toBe('gold: no turns to score: the gold file has none')
    expect(inputError(() => scoreDst('{"dialogue_data": []}', '{"dialogue_data": []}', opts)).file).toBe('gold')
  })
})

describe('a broken DST gold file is reported against the gold file', () => {
  it('a target line without its belief section names the gold file and line', () => {
    const line = 'User : a => Belief State : A [ x = 1 ] <EOB> b <EOS>'
    expect(inputError(() => scoreDst(`${line}\nUser : a truncated`, `${line}\n${line}\n`, opts)).message).toBe(
      'gold at line 2: no "=> Belief State : ... <EOB>" section (every line of a DST target file has one)'
    )
  })
})

describe('prototype-named keys', () => {
  it('DST JSON frames: only own "act" and "slots" count', () => {
    const g = { dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [{ act: 'constructor', slots: [['toString', 'x']] }] }] }] }
    const p = { dialogue_data: [{ dialogue_idx: 1, dialogue: [{ belief_state: [{}] }] }] }
    const r = scoreDst(JSON.stringify(g), JSON.stringify(p), opts)
    expect(r.examples[0]!.detail).toMatchObject({ predActs: 0, predSlots: 0, correctActs: 0 })
  })
})

describe('ConvAI2 perplexity overflow', () => {
  it('is refused with a reason, never printed as null', () => {
    const gold = JSON.stringify([{ id: 1, references: ['a b'] }])
    const pred = JSON.stringify([{ id: 1, token_logprobs: [-1e308, -1e308] }])
    expect(inputError(() => scoreConvai2Ppl(gold, pred, opts)).message).toMatch(/^pred: the perplexity overflows: exp\(/)
  })
})

describe('invalid UTF-8', () => {
  it('finds the first bad byte: stray continuation, overlong, surrogate, above U+10FFFF, truncated', () => {
    expect(firstInvalidUtf8(Buffer.from('héllo ✓ 𝄞'))).toBe(-1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x80]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0x80]))).toBe(0)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2)
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1)
  })

  it('a file that is not UTF-8 is refused naming the byte offset', () => {
    const path = join(dir, 'latin1.json')
    writeFileSync(path, Buffer.concat([Buffer.from('[{"response": "caf'), Buffer.from([0xe9]), Buffer.from('"}]')]))
    const e = inputError(() => readInput(path, 'prediction'))
    expect(e.message).toBe(`${path} at byte 18: not valid UTF-8 (byte 0xe9): save the prediction file as UTF-8`)
  })
})
