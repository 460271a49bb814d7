// The two regular expressions of the official line parser (mm_dst/gpt2_dst/utils/convert.py),
// matched by scanning character codes: no match arrays and no substrings but the act and slot
// strings kept. Each scan finds exactly what the regex's global exec loop finds; why:
//
// dialog_act_regex '([\w:?.?]*)  *\[([^\]]*)\]' (JS: /([\p{L}\p{N}_:?.]*) +\[([^\]]*)\]/gu).
// From a start i the name run is greedy and a name character is never a space or '[', so no
// backtracking can help: i matches iff its name run is followed by spaces and then '['. Later
// starts reach the same or a later '[', so the leftmost match belongs to the first '[' after the
// search position that has a space right before it; it starts where the name run before that
// space run starts (not before the search position). `[^\]]*\]` then needs a ']' after the '[':
// without one no later '[' has one either, and the search ends.
//
// slot_regex '([A-Za-z0-9_.-:]*)  *= ([^,]*)' likewise: the first '=' with a space before it and
// one after it; the name is the run of name characters before the spaces, the value runs to the
// next ',' (or the end of the act's brackets) and is stripped, as the official code strips it.
import { pyStrip } from './py-strip'

export interface ScannedFrame {
  hasAct: true
  act: string
  slots: string[]
}

const SPACE = 0x20

/** [\p{L}\p{N}_:?.] for ASCII: letters, digits, '_', ':', '?', '.'. */
const isAsciiActChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x3f || c === 0x2e

/** [A-Za-z0-9_.-:] ('.-:' is the range '.' to ':': '.', '/', digits, ':'). */
const isSlotNameChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x2e && c <= 0x3a) || c === 0x5f

/**
 * The frames of the belief text s[from, to). Null when an act name may hold a non-ASCII letter
 * or digit (\p{L}, \p{N}): the caller then runs the regular expression itself, which (like the
 * official one) is quadratic on long runs of spaces; the scoring time limit bounds that case.
 */
export function scanActs(s: string, from: number, to: number): ScannedFrame[] | null {
  const frames: ScannedFrame[] = []
  let pos = from
  for (;;) {
    let open = s.indexOf('[', pos + 1)
    while (open !== -1 && open < to && s.charCodeAt(open - 1) !== SPACE) open = s.indexOf('[', open + 1)
    if (open === -1 || open >= to) return frames
    const close = s.indexOf(']', open + 1)
    if (close === -1 || close >= to) return frames
    let nameEnd = open - 1
    while (nameEnd > pos && s.charCodeAt(nameEnd - 1) === SPACE) nameEnd--
    let nameStart = nameEnd
    while (nameStart > pos) {
      const c = s.charCodeAt(nameStart - 1)
      if (c >= 0x80) return null
      if (!isAsciiActChar(c)) break
      nameStart--
    }
    frames.push({ hasAct: true, act: s.slice(nameStart, nameEnd), slots: scanSlots(s, open + 1, close) })
    pos = close + 1
  }
}

/** The `name=value` slot strings of s[from, to), the inside of one act's brackets. */
function scanSlots(s: string, from: number, to: number): string[] {
  const slots: string[] = []
  let pos = from
  for (;;) {
    let eq = s.indexOf('=', pos + 1)
    while (eq !== -1 && eq < to && !(s.charCodeAt(eq - 1) === SPACE && eq + 1 < to && s.charCodeAt(eq + 1) === SPACE)) {
      eq = s.indexOf('=', eq + 1)
    }
    if (eq === -1 || eq >= to) return slots
    let nameEnd = eq - 1
    while (nameEnd > pos && s.charCodeAt(nameEnd - 1) === SPACE) nameEnd--
    let nameStart = nameEnd
    while (nameStart > pos && isSlotNameChar(s.charCodeAt(nameStart - 1))) nameStart--
    const comma = s.indexOf(',', eq + 2)
    const valueEnd = comma === -1 || comma > to ? to : comma
    slots.push(`${s.slice(nameStart, nameEnd)}=${pyStrip(s.slice(eq + 2, valueEnd))}`)
    pos = valueEnd
  }
}
