// A prediction file name found in several folders (a real team kept its devtest run in `td_small/` next to
// the test-std file): which copy is the entry? Never the alphabetically last one by accident.
//
// Rule, in order: the organizer's pick; identical content (nothing to choose); the only copy whose
// dialogs are all dialogs of the challenge gold (dialog ids for JSON files, the line count for the
// subtask-3 line format, which has no ids). Otherwise nothing is scored for that file until the
// organizer picks a copy (PREDICTION_COPY_UNCHOSEN).

import type { CopyMatch, PredictionCopies } from '../../shared/intake'

/** What can be compared with the gold without scoring: dialog ids (JSON) or the number of lines (text). */
export interface Fingerprint {
  ids: ReadonlySet<string> | null
  lines: number
}

export interface Copy {
  path: string
  oid: string
  /** null when the copy could not be read (too large, a symlink). */
  print: Fingerprint | null
}

const ID_KEYS = new Set(['dialog_id', 'dialogue_idx', 'dialog_idx'])

/** Dialog ids anywhere in the first levels of a JSON document; null when the text is not JSON or has none. */
export function fingerprint(text: string): Fingerprint {
  const lines = countLines(text)
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return { ids: null, lines }
  }
  const ids = new Set<string>()
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1)
      return
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (ID_KEYS.has(key) && (typeof v === 'number' || typeof v === 'string')) ids.add(String(v))
      else visit(v, depth + 1)
    }
  }
  visit(doc, 0)
  return { ids: ids.size > 0 ? ids : null, lines }
}

function countLines(text: string): number {
  let n = 0
  for (const line of text.split('\n')) if (line.trim() !== '') n++
  return n
}

/** How one copy compares with the gold. */
export function matchOf(copy: Copy, gold: Fingerprint | null): CopyMatch & { isGold: boolean } {
  const ids = copy.print?.ids ?? null
  if (!copy.print || !gold) return { path: copy.path, dialogs: ids ? ids.size : null, inGold: null, isGold: false }
  if (ids && gold.ids) {
    let inGold = 0
    for (const id of ids) if (gold.ids.has(id)) inGold++
    return { path: copy.path, dialogs: ids.size, inGold, isGold: inGold === ids.size }
  }
  if (!ids && !gold.ids) return { path: copy.path, dialogs: null, inGold: null, isGold: copy.print.lines === gold.lines }
  return { path: copy.path, dialogs: ids ? ids.size : null, inGold: null, isGold: false }
}

/** Pure: which copy of `file` is the entry, and why (or none chosen). */
export function chooseCopy(file: string, copies: readonly Copy[], gold: Fingerprint | null, pick?: string): PredictionCopies {
  const matched = copies.map((c) => matchOf(c, gold))
  const out: PredictionCopies = { file, paths: copies.map((c) => c.path), matches: matched.map(({ isGold: _isGold, ...m }) => m) }
  if (pick !== undefined && copies.some((c) => c.path === pick)) return { ...out, chosen: pick, how: 'organizer' }
  if (new Set(copies.map((c) => c.oid)).size === 1) return { ...out, chosen: copies[0]!.path, how: 'identical' }
  const golden = matched.filter((m) => m.isGold)
  if (golden.length === 1) return { ...out, chosen: golden[0]!.path, how: 'gold' }
  return out
}

/** "its 50 dialogs are all gold dialogs; td_small/x.json: 0 of 20 in the gold" */
export function describeMatches(c: PredictionCopies): string {
  const one = (m: CopyMatch): string =>
    m.dialogs === null
      ? `${m.path}: no dialog ids`
      : m.inGold === null
        ? `${m.path}: ${m.dialogs} dialogs`
        : `${m.path}: ${m.inGold} of ${m.dialogs} dialogs in the gold`
  return c.matches.map(one).join('; ')
}
