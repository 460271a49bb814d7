// Python's str.strip(), as the official scripts strip DST values and belief sections.

// Python str.strip() whitespace (str.isspace): differs from JS trim() on \x1c-\x1f, \x85, \uFEFF.
// Scanned by character code: a regex `^[…]+|[…]+$` retries the second branch at every position.
export const isPySpace = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0x1c && c <= 0x20) ||
  (c >= 0x85 &&
    (c === 0x85 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000))
export function pyStrip(s: string): string {
  const [start, end] = pyStripBounds(s, 0, s.length)
  return start === 0 && end === s.length ? s : s.slice(start, end)
}

/** Where s[from, to) begins and ends once stripped, without the copy. */
export function pyStripBounds(s: string, from: number, to: number): [number, number] {
  let start = from
  let end = to
  while (start < end && isPySpace(s.charCodeAt(start))) start++
  while (end > start && isPySpace(s.charCodeAt(end - 1))) end--
  return [start, end]
}

/** pyStrip(s) === '', without the copy. */
export function isBlank(s: string): boolean {
  const [start, end] = pyStripBounds(s, 0, s.length)
  return start === end
}
