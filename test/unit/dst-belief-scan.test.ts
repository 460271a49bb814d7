// The character scan of the DST line parser against the official parse itself: Python's
// parse_flattened_result written with the same regular expressions, on 20,000 generated lines
// built from the characters the regexes care about.
import { describe, expect, it } from 'vitest'
import { parseBeliefLine } from '../../src/main/scoring/dst-format'
import { pyStrip } from '../../src/main/scoring/py-strip'

/** mm_dst/gpt2_dst/utils/convert.py parse_flattened_result, regex for regex. */
function officialParse(line: string): { frames: Array<{ hasAct: boolean; act: string; slots: string[] }>; parsed: boolean } {
  const outer = pyStrip(line).split('=> Belief State :')
  if (outer.length !== 2) return { frames: [], parsed: false }
  const inner = pyStrip(outer[1]!).split('<EOB>')
  if (inner.length !== 2) return { frames: [], parsed: false }
  const frames = [...pyStrip(inner[0]!).matchAll(/([\p{L}\p{N}_:?.]*) +\[([^\]]*)\]/gu)].map((act) => ({
    hasAct: true,
    act: act[1]!,
    slots: [...act[2]!.matchAll(/([A-Za-z0-9_.-:]*) += ([^,]*)/g)].map((m) => `${pyStrip(m[1]!)}=${pyStrip(m[2]!)}`)
  }))
  return { frames, parsed: true }
}

// Pieces that exercise every branch: spaces before '[' and '=', missing ']', names next to
// non-ASCII letters (the regex's \p{L}), hyphenated slot names, Python-only whitespace.
const PIECES = [' ', ' ', '  ', '[', ']', '[ ', ' ]', '=', ' = ', ' =', '= ', ',', ', ', 'a', 'Z', '9', ':', '.', '?', '_', '-', '/']
  .concat(['é', '中', '٣', '\u00a0', '\t', '\u3000', 'DA:INFORM:GET', 'fashion-color', 'O', 'brand x', '$1,299.99', "it's"])
  .concat(['<EOB>', '=> Belief State :'])

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
const NAMES = ['DA:INFORM:GET', 'ERR:CHITCHAT', 'ÉTÉ', 'a?b.c', '', 'x-y', '中']
const SLOT_NAMES = ['fashion-color', 'O', 'size', 'a.b/c:1', '', 'né']
const VALUES = ['blue', 'brand x', '$1,299.99', "it's", '', ' a = b ', 'x\u3000']

/** Mostly well-formed frames, with random pieces dropped in (missing ']', doubled spaces, stray '='...). */
function generatedLine(random: () => number): string {
  let body = ''
  for (let f = Math.floor(random() * 4); f > 0; f--) {
    body += `${pick(random, NAMES)}${pick(random, [' ', '  ', '', ' '])}[`
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      body += ` ${pick(random, SLOT_NAMES)}${pick(random, [' = ', '  = ', '= ', ' =', ' = '])}${pick(random, VALUES)}${pick(random, [',', ', ', ''])}`
    }
    body += `${pick(random, [' ]', ']', '', ' ] '])} `
  }
  for (let n = Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (body.length + 1))
    body = body.slice(0, at) + pick(random, PIECES) + body.slice(at)
  }
  const shape = random()
  if (shape < 0.8) return `User : hi => Belief State : ${body} <EOB> reply <EOS>`
  if (shape < 0.9) return `=> Belief State :${body}<EOB>`
  return body
}

/** mulberry32: the same lines on every run. */
function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('DST belief scan = the official regular expressions', () => {
  it('agrees on 20,000 generated lines', () => {
    const random = seeded(11)
    const differ: string[] = []
    let frames = 0
    for (let i = 0; i < 20_000; i++) {
      const line = generatedLine(random)
      const want = officialParse(line)
      frames += want.frames.length
      if (JSON.stringify(parseBeliefLine(line)) !== JSON.stringify(want)) differ.push(line)
    }
    expect(differ.slice(0, 5)).toEqual([])
    expect(frames).toBeGreaterThan(5_000) // the generator does reach the frames branch
  })

  it.each([
    ['DA:INFORM [ fashion-color = blue , O = brand x ]', [{ hasAct: true, act: 'DA:INFORM', slots: ['color=blue', 'O=brand x'] }]],
    ['ÉTÉ:ASK [ a = b ]', [{ hasAct: true, act: 'ÉTÉ:ASK', slots: ['a=b'] }]],
    ['A[ a = b ] B  [ c  = d,e = f ]', [{ hasAct: true, act: 'B', slots: ['c=d', 'e=f'] }]],
    ['A [ a = b', []],
    [' [ a = b ]', []]
  ])('%j', (belief, frames) => {
    expect(parseBeliefLine(`U : x => Belief State : ${belief} <EOB> y`).frames).toEqual(frames)
  })
})
