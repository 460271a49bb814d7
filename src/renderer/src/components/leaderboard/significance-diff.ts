// Pure: the examples where two entries differ most (largest |score A − score B|), paired on
// dialog and turn, ties in example order.
import type { ExampleResult } from '../../../../shared/scoring'

export interface ExamplePair {
  dialogId: string
  turn: number
  gold: string
  a: ExampleResult
  b: ExampleResult
  gap: number
}

export function largestDifferences(a: readonly ExampleResult[], b: readonly ExampleResult[], limit: number): ExamplePair[] {
  const key = (e: ExampleResult): string => `${e.dialogId}\u0000${e.turn}`
  const byKey = new Map(b.map((e) => [key(e), e]))
  const pairs: ExamplePair[] = []
  for (const ea of a) {
    const eb = byKey.get(key(ea))
    if (!eb) continue
    const gap = Math.abs(ea.score - eb.score)
    if (gap > 0 || ea.prediction !== eb.prediction) pairs.push({ dialogId: ea.dialogId, turn: ea.turn, gold: ea.gold, a: ea, b: eb, gap })
  }
  return pairs
    .map((pair, order) => ({ pair, order }))
    .sort((x, y) => y.pair.gap - x.pair.gap || x.order - y.order)
    .slice(0, limit)
    .map(({ pair }) => pair)
}
