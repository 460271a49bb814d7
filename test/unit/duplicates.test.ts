import { describe, expect, it } from 'vitest'
import { duplicateReason, findDuplicates } from '../../src/main/ranking/duplicates'

const a = 'a'.repeat(64)
const b = 'b'.repeat(64)
const c = 'c'.repeat(64)

describe('duplicate entries', () => {
  it('flags every team of a group that resolved to the same commit', () => {
    const found = findDuplicates([
      { teamId: 1, commit: 'c1', fileHashes: [a] },
      { teamId: 2, commit: 'c2', fileHashes: [b] },
      { teamId: 3, commit: 'c1', fileHashes: [c] }
    ])
    expect([...found.keys()].sort()).toEqual([1, 3])
    expect(found.get(3)).toMatchObject({ basis: 'commit', others: [1] })
    expect(found.get(1)!.fingerprint).toBe(found.get(3)!.fingerprint)
  })

  it('flags a copy of every prediction file under another commit, whatever the file order', () => {
    const found = findDuplicates([
      { teamId: 1, commit: 'c1', fileHashes: [a, b] },
      { teamId: 2, commit: 'c2', fileHashes: [b, a] },
      { teamId: 3, commit: 'c3', fileHashes: [a] }
    ])
    expect([...found.keys()].sort()).toEqual([1, 2])
    expect(found.get(2)).toMatchObject({ basis: 'files', others: [1] })
  })

  it('does not flag entries without files or commit, nor entries sharing only some files', () => {
    const found = findDuplicates([
      { teamId: 1, commit: null, fileHashes: [] },
      { teamId: 2, commit: null, fileHashes: [] },
      { teamId: 3, commit: 'c3', fileHashes: [a, b] },
      { teamId: 4, commit: 'c4', fileHashes: [a, c] }
    ])
    expect(found.size).toBe(0)
  })

  it('keeps a flagged entry out of winners until the organizer judges it distinct', () => {
    const label = (id: number): string => `Team ${id}`
    expect(duplicateReason('commit', [label(4)], null)).toBe(
      "duplicate entry: the same commit as Team 4 (awaiting the organizers' decision)"
    )
    expect(duplicateReason('files', [label(4)], 'exclude')).toBe('duplicate entry of Team 4: excluded by the organizers')
    expect(duplicateReason('files', [label(4)], 'distinct')).toBeNull()
  })
})
