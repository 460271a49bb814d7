// Word-level diff (longest common subsequence over whitespace-separated tokens).

export type DiffOp = { kind: 'same' | 'del' | 'ins'; words: string[] }

const tokens = (text: string): string[] => text.split(/\s+/).filter(Boolean)

function push(ops: DiffOp[], kind: DiffOp['kind'], word: string): void {
  const last = ops[ops.length - 1]
  if (last && last.kind === kind) last.words.push(word)
  else ops.push({ kind, words: [word] })
}

/**
 * The edit from `before` to `after`: `same` words in both, `del` only in before, `ins` only in after.
 * Above `maxCells` (tokens × tokens) it only matches the common prefix and suffix.
 */
export function wordDiff(before: string, after: string, maxCells = 200_000): DiffOp[] {
  const a = tokens(before)
  const b = tokens(after)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const ops: DiffOp[] = []
  for (const w of a.slice(0, head)) push(ops, 'same', w)
  if (midA.length * midB.length > maxCells) {
    for (const w of midA) push(ops, 'del', w)
    for (const w of midB) push(ops, 'ins', w)
  } else {
    // lcs[i][j]: LCS length of midA[i..] and midB[j..], flattened.
    const n = midA.length
    const m = midB.length
    const lcs = new Uint32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] =
          midA[i] === midB[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(ops, 'same', midA[i]!)
        i++
        j++
      } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) {
        push(ops, 'del', midA[i++]!)
      } else {
        push(ops, 'ins', midB[j++]!)
      }
    }
    while (i < n) push(ops, 'del', midA[i++]!)
    while (j < m) push(ops, 'ins', midB[j++]!)
  }
  for (const w of a.slice(a.length - tail)) push(ops, 'same', w)
  return ops
}

/** Counts of changed words, for a one-line summary. */
export function diffStats(ops: DiffOp[]): { removed: number; added: number; same: number } {
  const count = (kind: DiffOp['kind']): number => ops.filter((o) => o.kind === kind).reduce((n, o) => n + o.words.length, 0)
  return { removed: count('del'), added: count('ins'), same: count('same') }
}
