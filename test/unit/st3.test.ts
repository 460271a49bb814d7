import { describe, expect, it } from 'vitest'
import { parseBeliefLine, splitLines } from '../../src/main/scoring/dst-format'
import { countTurn, f1StdError, scoreDst } from '../../src/main/scoring/simmc-st3'

const opts = { singleRound: false, goldName: 'gold_dst.txt', predName: 'subtask-3.txt' }
const line = (belief: string) => `User : hi => Belief State : ${belief} <EOB> sure <EOS>`

describe('DST line parser (official parse_flattened_result)', () => {
  it('parses acts and slots; slot names lose the hyphenated prefix like the official regex', () => {
    const { frames, parsed } = parseBeliefLine(line('DA:INFORM:PREFER:JACKET [ fashion-color = blue, O = brand x ] ERR:CHITCHAT [  ]'))
    expect(parsed).toBe(true)
    expect(frames).toEqual([
      { hasAct: true, act: 'DA:INFORM:PREFER:JACKET', slots: ['color=blue', 'O=brand x'] },
      { hasAct: true, act: 'ERR:CHITCHAT', slots: [] }
    ])
  })

  it('a line without exactly one belief section and <EOB> gives an empty belief', () => {
    expect(parseBeliefLine('garbled output without a belief state')).toEqual({ frames: [], parsed: false })
    expect(parseBeliefLine('=> Belief State : DA:X [ a = b ] no end marker')).toEqual({ frames: [], parsed: false })
    expect(parseBeliefLine(`${line('A [ a = b ]')} => Belief State : B [ ]`).frames).toEqual([])
  })

  it('splits lines like Python file iteration (no empty tail, CRLF handled)', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b'])
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b'])
    expect(splitLines('a\rb\r\n\nc')).toEqual(['a', 'b', '', 'c'])
  })
})

describe('DST scoring', () => {
  const gold = [line('A [ x = 1, y = 2 ] B [ z = 3 ]'), line('C [ ]'), line('D [ w = 4 ]')].join('\n') + '\n'
  const pred = [
    line('A [ x = 1, y = 9 ] B [ z = 3 ]'), // acts 2/2, slots 2 of 3 correct, beliefs 1 of 2
    line('X [ q = 1 ]'), // act wrong, 1 extra slot
    'garbled output without a belief state' // empty belief: nothing predicted
  ].join('\n')
  const r = scoreDst(gold, pred, opts)
  // Totals: frames 4; acts true 4, pred 3, correct 2; slots true 4, pred 4, correct 2; beliefs 1.

  it('counts frames by position (strict=False: slots count even under a wrong act)', () => {
    expect(countTurn(parseBeliefLine(line('A [ x = 1 ]')).frames, parseBeliefLine(line('B [ x = 1 ]')).frames)).toMatchObject({
      correctActs: 0,
      correctSlots: 1,
      correctBeliefs: 0
    })
  })

  it('joint accuracy, act and slot precision/recall/F1', () => {
    expect(r.metrics.joint_accuracy).toBe(1 / 4)
    expect(r.metrics.act_rec).toBe(2 / 4)
    expect(r.metrics.act_prec).toBe(2 / 3)
    expect(r.metrics.act_f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 15)
    expect(r.metrics.slot_rec).toBe(0.5)
    expect(r.metrics.slot_prec).toBe(0.5)
    expect(r.metrics.slot_f1).toBe(0.5)
  })

  it('F1 std error by the delta method from binomial std errors', () => {
    // d_f1 = F1²/2 · (dr/r² + dp/p²), dr = sqrt(r(1-r)/n_true), dp = sqrt(p(1-p)/n_pred)
    const dr = Math.sqrt((0.5 * 0.5) / 4)
    const dp = Math.sqrt(((2 / 3) * (1 / 3)) / 3)
    const f1 = r.metrics.act_f1!
    expect(r.stderr.act_f1).toBeCloseTo(0.5 * f1 * f1 * (dr / 0.25 + dp / (4 / 9)), 15)
    expect(r.stderr.slot_f1).toBeCloseTo(f1StdError(4, 4, 2), 15)
    expect(f1StdError(4, 4, 2)).toBeCloseTo(0.5 * 0.25 * ((2 * Math.sqrt(0.25 / 4)) / 0.25), 15)
    expect(f1StdError(4, 4, 0)).toBe(0)
    expect(Object.keys(r.stderr).sort()).toEqual(['act_f1', 'slot_f1'])
  })

  it('per-example results: belief text, per-turn joint accuracy, unparsed prediction', () => {
    expect(r.examples).toHaveLength(3)
    expect(r.examples[0]).toMatchObject({ dialogId: 'line 1', turn: 0, gold: 'A [ x = 1, y = 2 ] B [ z = 3 ]', score: 0.5 })
    expect(r.examples[1]).toMatchObject({ gold: 'C [ ]', prediction: 'X [ q = 1 ]', score: 0 })
    expect(r.examples[2]).toMatchObject({ prediction: '(no belief state found)', score: 0, detail: { parsed: false } })
    expect(r.coverage).toEqual({ predicted: 3, total: 3 })
  })

  it('singleRound is ignored: the official DST script has no single-round mode', () => {
    expect(scoreDst(gold, pred, { ...opts, singleRound: true }).metrics).toEqual(r.metrics)
  })

  it('extra blank prediction lines are tolerated', () => {
    expect(scoreDst(gold, pred + '\n\n  \n', opts).metrics).toEqual(r.metrics)
  })

  it('dialog-level JSON gives the same numbers; dialogs matched by id', () => {
    const frame = (act: string, slots: Array<[string, string]>) => ({ act, slots })
    const goldJson = {
      dialogue_data: [
        {
          dialogue_idx: 1,
          dialogue: [
            {
              belief_state: [
                frame('A', [
                  ['x', '1'],
                  ['y', '2']
                ]),
                frame('B', [['z', '3']])
              ]
            },
            { belief_state: [frame('C', [])] }
          ]
        },
        { dialogue_idx: 2, dialogue: [{ belief_state: [frame('D', [['w', '4']])] }] }
      ]
    }
    const predJson = {
      dialogue_data: [
        { dialogue_idx: 2, dialogue: [{ belief_state: [] }] },
        {
          dialogue_idx: 1,
          dialogue: [
            {
              belief_state: [
                frame('A', [
                  ['x', '1'],
                  ['y', '9']
                ]),
                frame('B', [['z', '3']])
              ]
            },
            { belief_state: [frame('X', [['q', '1']])] }
          ]
        }
      ]
    }
    const j = scoreDst(JSON.stringify(goldJson), JSON.stringify(predJson), { ...opts, goldName: 'gold.json', predName: 'pred.json' })
    expect(j.metrics).toEqual(r.metrics)
    expect(j.stderr).toEqual(r.stderr)
    expect(j.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['1', 0],
      ['1', 1],
      ['2', 0]
    ])
    // A dialog missing from the predictions scores as empty beliefs and lowers coverage.
    const partial = scoreDst(JSON.stringify(goldJson), JSON.stringify({ dialogue_data: [predJson.dialogue_data[1]] }), opts)
    expect(partial.metrics).toEqual(r.metrics)
    expect(partial.coverage).toEqual({ predicted: 2, total: 3 })
  })

  it('JSON frames: a frame without act counts as None; non-string values print like Python', () => {
    const g = {
      dialogue_data: [
        {
          dialogue_idx: 1,
          dialogue: [
            {
              belief_state: [
                {
                  slots: [
                    ['n', 2],
                    ['b', true]
                  ]
                }
              ]
            }
          ]
        }
      ]
    }
    const p = {
      dialogue_data: [
        {
          dialogue_idx: 1,
          dialogue: [
            {
              belief_state: [
                {
                  slots: [
                    ['n', '2'],
                    ['b', 'True']
                  ]
                }
              ]
            }
          ]
        }
      ]
    }
    const j = scoreDst(JSON.stringify(g), JSON.stringify(p), opts)
    expect(j.examples[0]!.detail).toMatchObject({ trueActs: 0, predActs: 0, correctActs: 1, correctSlots: 2, correctBeliefs: 1 })
  })
})

describe('where evaluate_dst.py would divide by zero', () => {
  it('no slots predicted: Podium scores, reports 0 and says the official script would fail', () => {
    const r = scoreDst(`${line('A [ x = 1 ]')}\n${line('B [ y = 2 ]')}\n`, `${line('A [  ]')}\n${line('C [  ]')}\n`, opts)
    expect(r.metrics.slot_prec).toBe(0)
    expect(r.metrics.slot_f1).toBe(0)
    expect(r.metrics.act_f1).toBe(0.5)
    expect(r.warnings).toEqual([
      {
        code: 'official-script-fails',
        message:
          'official script would fail here: ZeroDivisionError, no slots predicted (slot precision is 0/0). Podium reports 0 for each such ratio'
      }
    ])
  })

  it('nothing correct: the F1 std error divides by zero in the official script', () => {
    const r = scoreDst(`${line('A [ x = 1 ]')}\n`, `${line('B [ x = 2 ]')}\n`, opts)
    expect(r.stderr).toEqual({ act_f1: 0, slot_f1: 0 })
    expect(r.warnings![0]!.message).toBe(
      'official script would fail here: ZeroDivisionError, no act predicted correctly (the act F1 std error divides by 0); no slot predicted correctly (the slot F1 std error divides by 0). Podium reports 0 for each such ratio'
    )
  })
})

describe('dialog-level JSON without dialogue_idx (real test-std submissions)', () => {
  const frame = (act: string, slots: Array<[string, string]>) => ({ act, slots })
  const gold = {
    dialogue_data: [
      { dialogue_idx: 7, dialogue: [{ belief_state: [frame('A', [['x', '1']])] }, { belief_state: [frame('B', [['y', '2']])] }] },
      { dialogue_idx: 3, dialogue: [{ belief_state: [frame('C', [['z', '3']])] }] }
    ]
  }
  const jsonOpts = { ...opts, goldName: 'fashion_teststd_dials.json', predName: 'subtask-3.json' }
  const strip = (d: { dialogue_idx?: number; dialogue: unknown[] }) => ({ dialogue: d.dialogue })

  it('matches dialogs by position, as the 2020 official script did, with a warning', () => {
    const withIds = scoreDst(JSON.stringify(gold), JSON.stringify(gold), jsonOpts)
    const byPosition = scoreDst(JSON.stringify(gold), JSON.stringify({ dialogue_data: gold.dialogue_data.map(strip) }), jsonOpts)
    expect(byPosition.metrics).toEqual(withIds.metrics)
    expect(byPosition.metrics.slot_f1).toBe(1)
    expect(byPosition.examples.map((e) => [e.dialogId, e.turn])).toEqual([
      ['7', 0],
      ['7', 1],
      ['3', 0]
    ])
    expect(withIds.warnings).toBeUndefined()
    expect(byPosition.warnings).toEqual([
      {
        code: 'matched-by-position',
        message:
          '2 prediction dialogs without dialogue_idx matched to the dialogs of fashion_teststd_dials.json by position, as the 2020 official script (evaluate_dst.py) did'
      }
    ])
    // Position, not content: swapping the dialogs changes the numbers.
    const swapped = { dialogue_data: [gold.dialogue_data[1]!, gold.dialogue_data[0]!].map(strip) }
    expect(() => scoreDst(JSON.stringify(gold), JSON.stringify(swapped), jsonOpts)).toThrow(
      'subtask-3.json at dialogue_data[0].dialogue: has 1 turns but dialog 7 (position 0 in fashion_teststd_dials.json) has 2: dialogs without dialogue_idx are matched to the gold dialogs by position'
    )
  })

  it('refuses counts that would misalign the dialogs, and ids given on some dialogs only', () => {
    expect(() => scoreDst(JSON.stringify(gold), JSON.stringify({ dialogue_data: [strip(gold.dialogue_data[0]!)] }), jsonOpts)).toThrow(
      'subtask-3.json at dialogue_data: has 1 dialogs but fashion_teststd_dials.json has 2: dialogs without dialogue_idx are matched to the gold dialogs by position'
    )
    const mixed = { dialogue_data: [gold.dialogue_data[0]!, strip(gold.dialogue_data[1]!)] }
    expect(() => scoreDst(JSON.stringify(gold), JSON.stringify(mixed), jsonOpts)).toThrow(
      'subtask-3.json at dialogue_data[1].dialogue_idx: missing (other dialogs give one: give dialogue_idx in every dialog, or in none to match dialogs by position)'
    )
    const goldWithout = { dialogue_data: gold.dialogue_data.map(strip) }
    expect(() => scoreDst(JSON.stringify(goldWithout), JSON.stringify(gold), jsonOpts)).toThrow(
      'fashion_teststd_dials.json at dialogue_data[0].dialogue_idx: missing'
    )
  })
})

describe('DST formats must agree (issue: a JSON prediction against the line gold gave slot F1 0)', () => {
  const goldLines = `${line('DA:REQUEST:GET:JACKET [ fashion-O = jacket, fashion-color = blue ]')}\n`
  const json = {
    dialogue_data: [
      {
        dialogue_idx: 1,
        dialogue: [
          {
            belief_state: [
              {
                act: 'DA:REQUEST:GET:JACKET',
                slots: [
                  ['fashion-O', 'jacket'],
                  ['fashion-color', 'blue']
                ]
              }
            ]
          }
        ]
      }
    ]
  }

  it('a dialog-level JSON prediction against the line-format gold is refused, naming both files', () => {
    expect(() =>
      scoreDst(goldLines, JSON.stringify(json), { ...opts, goldName: 'fashion_teststd_dst_target.txt', predName: 'subtask-3.json' })
    ).toThrow(
      'subtask-3.json: is dialog-level JSON but the gold fashion_teststd_dst_target.txt is the line format: the formats name slots differently (the line parser drops "fashion-"), so slot F1 would be meaningless; score JSON predictions against the dialog-level gold ({domain}_teststd_dials.json, evaluate_dst.py)'
    )
    expect(() =>
      scoreDst(JSON.stringify(json), goldLines, { ...opts, goldName: 'fashion_teststd_dials.json', predName: 'subtask-3.txt' })
    ).toThrow(/^subtask-3.txt: is the line format but the gold fashion_teststd_dials.json is dialog-level JSON: .*line-format gold/)
  })

  it('against the dialog-level gold the same JSON prediction gets the official dialog-level numbers', () => {
    const r = scoreDst(JSON.stringify(json), JSON.stringify(json), {
      ...opts,
      goldName: 'fashion_teststd_dials.json',
      predName: 'subtask-3.json'
    })
    expect(r.metrics.slot_f1).toBe(1)
    expect(r.examples[0]!.gold).toBe('DA:REQUEST:GET:JACKET [ fashion-O = jacket, fashion-color = blue ]')
  })
})

describe('line-format examples named by dialog and turn (error analysis)', () => {
  const lines = ['A [ x = 1 ]', 'B [ ]', 'C [ y = 2 ]', 'D [ ]', 'E [ z = 3 ]'].map(line).join('\n') + '\n'
  const pred = ['A [ x = 1 ]', 'B [ ]', 'X [ ]', 'D [ ]', 'E [ z = 9 ]'].map(line).join('\n') + '\n'
  // The line target lists every turn dialog by dialog: dialog 7 has 2 turns, dialog 3 has 3.
  const dials = JSON.stringify({
    dialogue_data: [
      { dialogue_idx: 7, dialogue: [{ transcript: 'a' }, { transcript: 'b' }] },
      { dialogue_idx: 3, dialogue: [{ transcript: 'c' }, { transcript: 'd' }, { transcript: 'e' }] }
    ]
  })

  it('maps each line to its dialog id and turn from the dialog-level gold, with the same numbers', () => {
    const plain = scoreDst(lines, pred, opts)
    const named = scoreDst(lines, pred, { ...opts, dialogs: dials })
    expect(named.examples.map((e) => [e.dialogId, e.turn, e.detail?.line])).toEqual([
      ['7', 0, 1],
      ['7', 1, 2],
      ['3', 0, 3],
      ['3', 1, 4],
      ['3', 2, 5]
    ])
    expect(named.metrics).toEqual(plain.metrics)
    expect(named.stderr).toEqual(plain.stderr)
    expect(named.examples.map((e) => e.score)).toEqual(plain.examples.map((e) => e.score))
  })

  it('keeps line numbers when no dialog-level gold is given or its turns do not add up to the lines', () => {
    const short = JSON.stringify({ dialogue_data: [{ dialogue_idx: 7, dialogue: [{}, {}] }] })
    for (const dialogs of [undefined, short, 'not json', '{"dialogue_data": [{"dialogue": []}]}']) {
      const r = scoreDst(lines, pred, dialogs === undefined ? opts : { ...opts, dialogs })
      expect(r.examples.map((e) => [e.dialogId, e.turn])).toEqual([0, 1, 2, 3, 4].map((i) => [`line ${i + 1}`, i]))
    }
  })
})
