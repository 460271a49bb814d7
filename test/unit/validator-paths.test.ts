// The validators' cheap helpers must say exactly what the plain versions said: Loc builds its
// JSON path only when asked, pyStrip scans character codes instead of running a regex, and the
// DST line parser finds its markers with indexOf.
import { describe, expect, it } from 'vitest'
import { parseBeliefLine } from '../../src/main/scoring/dst-format'
import { pyStrip } from '../../src/main/scoring/py-strip'
import { formatPath, Loc } from '../../src/main/scoring/json-input'

describe('Loc', () => {
  it('names the full path of a nested position, quoting keys that are not identifiers', () => {
    const root = new Loc('pred.json')
    const loc = root.at(3).at('predictions', 0).at('action_log_prob').at('a b')
    expect(loc.path).toEqual([3, 'predictions', 0, 'action_log_prob', 'a b'])
    expect(loc.text).toBe('[3].predictions[0].action_log_prob["a b"]')
    expect(loc.error('missing').message).toBe('pred.json at [3].predictions[0].action_log_prob["a b"]: missing')
    expect(root.text).toBe('')
    expect(root.error('empty').message).toBe('pred.json: empty')
  })

  it('keeps siblings apart and a constructor path as the prefix', () => {
    const base = new Loc('f', ['dialogue_data', 2])
    const a = base.at('dialogue', 0)
    const b = base.at('dialogue', 1)
    expect([a.text, b.text, a.at('x').text]).toEqual([
      'dialogue_data[2].dialogue[0]',
      'dialogue_data[2].dialogue[1]',
      'dialogue_data[2].dialogue[0].x'
    ])
    expect(formatPath(b.path)).toBe(b.text)
  })
})

// Python str.isspace() characters, as the former regex listed them.
const PY_STRIP_REGEX =
  // eslint-disable-next-line no-control-regex
  /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g

describe('pyStrip', () => {
  const regexStrip = (s: string): string => s.replace(PY_STRIP_REGEX, '')

  it('strips exactly the characters Python strips, for every UTF-16 code unit', () => {
    const wrong: string[] = []
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      for (const s of [ch, `${ch}a${ch}`, `  ${ch}x ${ch}\t`, `${ch}${ch}`])
        if (pyStrip(s) !== regexStrip(s)) wrong.push(`U+${c.toString(16)}`)
    }
    expect(wrong).toEqual([])
  })

  it('handles empty, all-space and untouched strings', () => {
    expect(pyStrip('')).toBe('')
    expect(pyStrip(' \t\u3000\x1c ')).toBe('')
    expect(pyStrip('a = b')).toBe('a = b')
    expect(pyStrip('\uFEFFa\uFEFF')).toBe('\uFEFFa\uFEFF')
  })
})

describe('parseBeliefLine finds the markers as split() would', () => {
  // The official parse: strip, split on each marker, exactly two parts each time.
  const splitParsed = (line: string): boolean => {
    const outer = pyStrip(line).split('=> Belief State :')
    return outer.length === 2 && pyStrip(outer[1]!).split('<EOB>').length === 2
  }
  const lines = [
    'User : hi => Belief State : A [ a = b ] <EOB> ok <EOS>',
    '  \t User : hi => Belief State :A [ a = b ]<EOB>  \u3000',
    'User : hi => Belief State : A [ a = b ] <EOB> x <EOB>',
    'User : hi => Belief State : => Belief State : A [ ] <EOB>',
    'User : hi => Belief State :=> Belief State : A [ ] <EOB>',
    'User : hi <EOB> => Belief State : A [ a = b ] <EOB>',
    'User : hi <EOB> => Belief State : A [ a = b ]',
    '=> Belief State :<EOB>',
    '=> Belief State :',
    ''
  ]
  it.each(lines)('%j', (line) => {
    const { frames, parsed } = parseBeliefLine(line)
    expect(parsed).toBe(splitParsed(line))
    if (!parsed) expect(frames).toEqual([])
  })
})
