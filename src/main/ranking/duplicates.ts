// Duplicate entries: two teams pointing at the same work. Pure: facts in, one finding per team out.
//
// Two entries are duplicates when they resolved to the same commit, or when every prediction
// file of one has the same sha256 as a prediction file of the other and the sets are equal
// (a copy of another team's predictions). Which of them copied cannot be known: both are
// flagged, and the organizer decides for each ('distinct' or 'exclude').

export interface EntryFingerprint {
  teamId: number
  /** The commit the entry tag resolved to; null when intake did not get that far. */
  commit: string | null
  /** sha256 of every scored prediction file. */
  fileHashes: readonly string[]
}

export interface DuplicateFinding {
  teamId: number
  /** What the entries share: the resolved commit, or (only) every prediction file. */
  basis: 'commit' | 'files'
  /** The other teams of the group, in input order. */
  others: number[]
  /** Stable text of what was shared: an organizer's decision holds only while it is unchanged. */
  fingerprint: string
}

const filesKey = (hashes: readonly string[]): string | null => (hashes.length === 0 ? null : [...new Set(hashes)].sort().join(','))

export function findDuplicates(entries: readonly EntryFingerprint[]): Map<number, DuplicateFinding> {
  const found = new Map<number, DuplicateFinding>()
  const group = (key: (e: EntryFingerprint) => string | null, basis: DuplicateFinding['basis'], prefix: string): void => {
    const byKey = new Map<string, number[]>()
    for (const entry of entries) {
      const k = key(entry)
      if (k === null) continue
      byKey.set(k, [...(byKey.get(k) ?? []), entry.teamId])
    }
    for (const [k, teamIds] of byKey) {
      if (teamIds.length < 2) continue
      for (const teamId of teamIds) {
        if (found.has(teamId)) continue
        found.set(teamId, { teamId, basis, others: teamIds.filter((id) => id !== teamId), fingerprint: `${prefix}:${k}` })
      }
    }
  }
  group((e) => e.commit, 'commit', 'commit')
  group((e) => filesKey(e.fileHashes), 'files', 'files')
  return found
}

export type DuplicateDecision = 'distinct' | 'exclude'

/** Why a duplicate may not win, or null when the organizer judged it a distinct entry. */
export function duplicateReason(
  basis: DuplicateFinding['basis'],
  otherLabels: readonly string[],
  decision: DuplicateDecision | null
): string | null {
  if (decision === 'distinct') return null
  const others = otherLabels.join(', ')
  if (decision === 'exclude') return `duplicate entry of ${others}: excluded by the organizers`
  const shared = basis === 'commit' ? 'the same commit' : 'the same prediction files'
  return `duplicate entry: ${shared} as ${others} (awaiting the organizers' decision)`
}
