import { describe, expect, it } from 'vitest'
import { largestDifferences } from '../../src/renderer/src/components/leaderboard/significance-diff'
import type { ExampleResult } from '../../src/shared/scoring'

const ex = (dialogId: string, turn: number, prediction: string, score: number): ExampleResult => ({
  dialogId,
  turn,
  gold: 'g',
  prediction,
  score
})

describe('examples where two entries differ most', () => {
  it('pairs by dialog and turn, orders by score gap (ties in example order), skips identical outputs', () => {
    const a = [ex('1', 0, 'same', 1), ex('1', 1, 'x', 1), ex('2', 0, 'y', 0.5), ex('3', 0, 'z', 0.2), ex('4', 0, 'only a', 1)]
    const b = [ex('3', 0, 'zz', 0.2), ex('2', 0, 'yy', 0.1), ex('1', 1, 'xx', 0), ex('1', 0, 'same', 1)]
    const pairs = largestDifferences(a, b, 10)
    expect(pairs.map((p) => [p.dialogId, p.turn, p.gap])).toEqual([
      ['1', 1, 1],
      ['2', 0, 0.4],
      ['3', 0, 0]
    ])
    expect(pairs[0]!.b.prediction).toBe('xx')
    expect(largestDifferences(a, b, 1)).toHaveLength(1)
  })
})
