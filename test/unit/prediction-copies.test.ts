import { describe, expect, it } from 'vitest'
import { chooseCopy, fingerprint, type Copy } from '../../src/main/intake/prediction-copies'

const copy = (path: string, oid: string, text: string): Copy => ({ path, oid, print: fingerprint(text) })
const gold = fingerprint(JSON.stringify({ dialogue_data: [{ dialogue_idx: 1 }, { dialogue_idx: 2 }, { dialogue_idx: 3 }] }))

describe('choosing between copies of a prediction file', () => {
  it('reads dialog ids under any of the official key names, and lines for text files', () => {
    expect([...fingerprint('[{"dialog_id": 1}, {"dialog_id": "2"}]').ids!]).toEqual(['1', '2'])
    expect(fingerprint('{"retrieval_candidates": [{"dialogue_idx": 7}]}').ids).toEqual(new Set(['7']))
    expect(fingerprint('a => b\n\nc => d\n')).toEqual({ ids: null, lines: 2 })
  })

  it('takes the only copy whose dialogs are all gold dialogs', () => {
    const c = chooseCopy(
      'x.json',
      [copy('dev/x.json', '1', '[{"dialog_id": 9}]'), copy('std/x.json', '2', '[{"dialog_id": 1}, {"dialog_id": 3}]')],
      gold
    )
    expect(c).toMatchObject({ chosen: 'std/x.json', how: 'gold' })
    expect(c.matches).toEqual([
      { path: 'dev/x.json', dialogs: 1, inGold: 0 },
      { path: 'std/x.json', dialogs: 2, inGold: 2 }
    ])
  })

  it('leaves the choice to the organizer when both or neither match, and honours the pick', () => {
    const both = [copy('a/x.json', '1', '[{"dialog_id": 1}]'), copy('b/x.json', '2', '[{"dialog_id": 2}]')]
    expect(chooseCopy('x.json', both, gold).chosen).toBeUndefined()
    expect(chooseCopy('x.json', both, null).chosen).toBeUndefined()
    expect(chooseCopy('x.json', both, gold, 'b/x.json')).toMatchObject({ chosen: 'b/x.json', how: 'organizer' })
    // A pick that is no longer one of the copies is ignored.
    expect(chooseCopy('x.json', both, gold, 'c/x.json').chosen).toBeUndefined()
  })

  it('identical copies need no choice; text copies match the gold by their line count', () => {
    expect(chooseCopy('x', [copy('a/x', '1', 'q'), copy('b/x', '1', 'q')], null)).toMatchObject({ chosen: 'a/x', how: 'identical' })
    const lines = fingerprint('1\n2\n3\n')
    expect(chooseCopy('x.txt', [copy('a/x.txt', '1', '1\n2\n'), copy('b/x.txt', '2', '1\n2\n4\n')], lines)).toMatchObject({
      chosen: 'b/x.txt',
      how: 'gold'
    })
  })
})
