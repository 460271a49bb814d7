// Ranks as a published table shows them: competition ranking (1, 2, 2, 4) among the entries
// that may win; ineligible entries and baselines keep their place in the order but get no rank.
import type { RankedRow } from '../../shared/ranking'

/** Rows in ranking order (best first); `eligible` says which team labels may be ranked. */
export function publishedRanks(rows: readonly RankedRow[], eligible: (team: string) => boolean): Map<string, number | null> {
  const out = new Map<string, number | null>()
  let position = 0
  let previous: { score: number; rank: number } | null = null
  for (const row of rows) {
    if (row.baseline || row.score === null || !eligible(row.team)) {
      out.set(row.team, null)
      continue
    }
    position++
    const rank: number = previous && previous.score === row.score ? previous.rank : position
    previous = { score: row.score, rank }
    out.set(row.team, rank)
  }
  return out
}
