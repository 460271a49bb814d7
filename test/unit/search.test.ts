import { describe, expect, it } from 'vitest'
import {
  compileTerm,
  describeSearch,
  filterRows,
  highlighter,
  matches,
  mergeRanges,
  parseSearch,
  segments,
  type SearchDoc
} from '../../src/renderer/src/search'

const FIELDS = ['team', 'status', 'license', 'tag', 'code']
const ALIASES = { licence: 'license', name: 'team' }
const parse = (q: string) => parseSearch(q, { fields: FIELDS, aliases: ALIASES })

const ROWS: Array<SearchDoc & { team: string[] }> = [
  { team: ['Aurora Labs', 'Team 6'], status: 'done', license: 'MIT', tag: 'annotated', code: [] },
  { team: ['Blue Heron NLP', 'Team 7'], status: 'done', license: 'MIT', tag: 'annotated', code: [] },
  { team: ['Cobalt Dialog', 'Team 8'], status: 'done', license: 'MIT', tag: 'lightweight', code: ['LIGHTWEIGHT_TAG'] },
  { team: ['Delta Speech', 'Team 5'], status: 'done', license: 'MIT', tag: 'annotated', code: ['TAG_AFTER_DEADLINE'] },
  { team: ['Ember AI', 'Team 3'], status: 'done', license: 'MIT', tag: 'annotated', code: ['REQUIRED_FILE_MISSING'] },
  { team: ['Fjord Research', 'Team 4'], status: 'done', license: 'GPL', tag: 'annotated', code: ['LICENSE_NOT_PERMISSIVE'] },
  { team: ['Garnet Group', 'Team 1'], status: 'failed', license: null, tag: null, code: ['REPO_NOT_FOUND'] }
]
const names = (q: string): string[] => filterRows(ROWS, (r) => r, parse(q)).map((r) => r.team[0]!)

describe('compileTerm: regex detected automatically', () => {
  it('takes plain words as case-insensitive substrings', () => {
    const m = compileTerm('heron')
    expect(m.regex).toBe(false)
    expect(m.test('Blue HERON nlp')).toBe(true)
    expect(m.test('Aurora')).toBe(false)
  })

  it('takes a term with metacharacters that compiles as a regex', () => {
    const m = compileTerm('^(aurora|blue)')
    expect(m.regex).toBe(true)
    expect(m.test('Blue Heron NLP')).toBe(true)
    expect(m.test('The Blue team')).toBe(false) // anchored: a substring search would have matched
  })

  it('falls back to a literal substring when the regex does not compile', () => {
    for (const term of ['c++', '(unclosed', 'a[b', '*star']) {
      const m = compileTerm(term)
      expect(m.regex, term).toBe(false)
      expect(m.test(`xx ${term.toUpperCase()} yy`), term).toBe(true)
      expect(m.test('nothing here'), term).toBe(false)
    }
  })

  it('keeps quoted (literal) terms out of regex mode', () => {
    const m = compileTerm('a.c', true)
    expect(m.regex).toBe(false)
    expect(m.test('abc')).toBe(false)
    expect(m.test('A.C')).toBe(true)
    expect(compileTerm('a.c').test('abc')).toBe(true)
  })

  it('finds every range, skips empty matches and keeps original offsets', () => {
    expect(compileTerm('an').ranges('Banana AN')).toEqual([
      [1, 3],
      [3, 5],
      [7, 9]
    ])
    expect(compileTerm('x*').ranges('axxb')).toEqual([[1, 3]])
    expect(compileTerm('zz').ranges('abc')).toEqual([])
  })
})

describe('parseSearch', () => {
  it('reads a blank query as no search', () => {
    for (const q of ['', '   ', ';', ' ; ;', '@', '@sta', '@status:']) {
      expect(parse(q).clauses, JSON.stringify(q)).toEqual([])
    }
    expect(describeSearch(parse(''))).toBe('no search')
  })

  it('splits clauses on `;` and separates text from @field:value filters', () => {
    const s = parse('meta @status:done; 7b @LICENCE:apache')
    expect(s.clauses).toHaveLength(2)
    expect(s.clauses[0]!.text!.source).toBe('meta')
    expect(s.clauses[0]!.filters.map((f) => [f.field, f.matcher.source])).toEqual([['status', 'done']])
    expect(s.clauses[1]!.text!.source).toBe('7b')
    // Field names are case-insensitive and aliases resolve.
    expect(s.clauses[1]!.filters.map((f) => [f.field, f.matcher.source])).toEqual([['license', 'apache']])
    expect(s.unknownFields).toEqual([])
  })

  it('keeps spaces and semicolons inside quotes', () => {
    const s = parse('@team:"blue heron; x" "a b"')
    expect(s.clauses).toHaveLength(1)
    expect(s.clauses[0]!.filters[0]!.matcher.source).toBe('blue heron; x')
    expect(s.clauses[0]!.text!.source).toBe('a b')
  })

  it('reports unknown fields', () => {
    const s = parse('@colour:red; delta')
    expect(s.unknownFields).toEqual(['colour'])
    expect(s.clauses).toHaveLength(2)
  })

  it('describes the query in words', () => {
    expect(describeSearch(parse('^a @code:TAG; plain'))).toBe('regex /^a/ and code ∋ “TAG” or text “plain”')
  })
})

describe('matching rows', () => {
  it('matches everything when the query is blank', () => {
    expect(names('')).toHaveLength(ROWS.length)
  })

  it('plain text: case-insensitive substring in any field', () => {
    expect(names('HERON')).toEqual(['Blue Heron NLP'])
    expect(names('team 5')).toEqual(['Delta Speech']) // the anonymous id is a field too
    expect(names('gpl')).toEqual(['Fjord Research'])
    expect(names('nobody')).toEqual([])
  })

  it('regex: detected and applied per field value', () => {
    expect(names('^(aurora|blue)')).toEqual(['Aurora Labs', 'Blue Heron NLP'])
    expect(names('team [13]$')).toEqual(['Ember AI', 'Garnet Group'])
  })

  it('`;` is a union, not an intersection', () => {
    expect(names('delta; ember')).toEqual(['Delta Speech', 'Ember AI'])
    expect(names('delta; delta')).toEqual(['Delta Speech'])
    expect(names('delta;')).toEqual(['Delta Speech'])
  })

  it('@field:value filters only their field', () => {
    expect(names('@status:failed')).toEqual(['Garnet Group'])
    expect(names('@code:TAG_AFTER_DEADLINE')).toEqual(['Delta Speech'])
    expect(names('@code:^(LIGHTWEIGHT|TAG)_')).toEqual(['Cobalt Dialog', 'Delta Speech'])
    expect(names('@tag:lightweight')).toEqual(['Cobalt Dialog'])
    expect(names('@license:gpl')).toEqual(['Fjord Research'])
    expect(names('@name:"blue heron"')).toEqual(['Blue Heron NLP'])
    // "done" appears only in the status field: a team filter does not see it.
    expect(names('@team:done')).toEqual([])
    // A missing value (null license) never matches.
    expect(names('@license:null')).toEqual([])
  })

  it('text AND filters within a clause, clauses OR-ed', () => {
    expect(names('team @license:mit @tag:lightweight')).toEqual(['Cobalt Dialog'])
    expect(names('aurora @status:failed')).toEqual([])
    expect(names('aurora @status:failed; @status:failed')).toEqual(['Garnet Group'])
    expect(names('@license:MIT @code:TAG; fjord')).toEqual(['Cobalt Dialog', 'Delta Speech', 'Fjord Research'])
  })

  it('an unknown field matches nothing, but other clauses still do', () => {
    expect(names('@colour:red')).toEqual([])
    expect(names('@colour:red; aurora')).toEqual(['Aurora Labs'])
  })

  it('looks for free text only in the text fields when they are given', () => {
    const s = parseSearch('no', { fields: ['team', 'eligible'], textFields: ['team'] })
    expect(matches({ team: 'Team 5', eligible: 'no' }, s)).toBe(false)
    expect(matches({ team: 'Nova', eligible: 'yes' }, s)).toBe(true)
    // A field filter still reaches the other fields, and highlighting follows the same rule.
    const f = parseSearch('@eligible:no team', { fields: ['team', 'eligible'], textFields: ['team'] })
    const doc = { team: 'Team 5', eligible: 'no' }
    expect(matches(doc, f)).toBe(true)
    expect(highlighter(doc, f)('eligible', 'no')).toEqual([[0, 2]])
    // Free text "team" is not lit up in the eligible field; the filter's "no" is.
    expect(highlighter(doc, f)('eligible', 'team no')).toEqual([[5, 7]])
    expect(highlighter(doc, f)('team', 'Team 5')).toEqual([[0, 4]])
  })

  it('reads numbers and booleans as text', () => {
    const doc: SearchDoc = { rank: 2.5, baseline: true }
    expect(matches(doc, parseSearch('2.5'))).toBe(true)
    expect(matches(doc, parseSearch('@baseline:true'))).toBe(true)
    expect(matches(doc, parseSearch('@baseline:false'))).toBe(false)
  })
})

describe('highlighting', () => {
  it('merges overlapping and touching ranges', () => {
    expect(
      mergeRanges([
        [5, 7],
        [0, 2],
        [1, 3],
        [3, 4]
      ])
    ).toEqual([
      [0, 4],
      [5, 7]
    ])
  })

  it('cuts text into hit and plain segments', () => {
    expect(segments('Blue Heron', [[5, 10]])).toEqual([
      { text: 'Blue ', hit: false },
      { text: 'Heron', hit: true }
    ])
    expect(segments('abc', [])).toEqual([{ text: 'abc', hit: false }])
    expect(segments('', [])).toEqual([{ text: '', hit: false }])
  })

  it('highlights free text anywhere and filters only in their own field', () => {
    const row = ROWS[3]!
    const hl = highlighter(row, parse('speech @code:deadline'))
    expect(hl('team', 'Delta Speech')).toEqual([[6, 12]])
    expect(hl('code', 'TAG_AFTER_DEADLINE')).toEqual([[10, 18]])
    // The code filter does not light up "deadline" in another field.
    expect(hl('team', 'deadline')).toEqual([])
  })

  it('only highlights the clauses the row matched', () => {
    const hl = highlighter(ROWS[0]!, parse('aurora; labs @status:failed'))
    expect(hl('team', 'Aurora Labs')).toEqual([[0, 6]])
    expect(highlighter(ROWS[0]!, parse(''))('team', 'Aurora Labs')).toEqual([])
  })
})
