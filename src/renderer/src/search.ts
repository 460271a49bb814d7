// The table search of the Submissions and Leaderboard pages, after the Open LLM Leaderboard's search bar.
// Pure: no DOM, no React, so it is unit-tested in isolation (test/unit/search.test.ts).
//
//   delta                      rows containing "delta" in any field (case-insensitive substring)
//   ^(aurora|blue)             a regex: detected automatically when the text holds regex metacharacters
//                              and compiles; otherwise the text is searched as a plain substring
//   delta; ember               `;` joins searches as a union: rows matching "delta" OR "ember"
//   @status:failed             a field filter (team, status, license, tag, code...); the value is a
//                              substring or a regex too, e.g. @code:^TAG_
//   @team:"blue heron"         quotes keep spaces (and `;`) in a value and make it literal, never a regex
//   heron @license:mit; @code:TAG_AFTER_DEADLINE
//                              (text AND field filters) OR (another field filter)

/** What one searchable row exposes: field name → its value(s). Free text looks in every field. */
export type SearchDoc = Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>

/** A half-open character range [start, end) of a match. */
export type Range = readonly [number, number]

export interface Matcher {
  /** The term as typed (without surrounding quotes). */
  readonly source: string
  /** True when the term was taken as a regular expression. */
  readonly regex: boolean
  test(value: string): boolean
  ranges(value: string): Range[]
}

export interface FieldFilter {
  /** Canonical field name (lower case, aliases resolved). */
  readonly field: string
  readonly matcher: Matcher
}

/** One `;`-separated search: its free text AND every field filter must match. */
export interface SearchClause {
  readonly text: Matcher | null
  readonly filters: readonly FieldFilter[]
}

export interface ParsedSearch {
  /** Union of clauses; empty = the query is blank and everything matches. */
  readonly clauses: readonly SearchClause[]
  /** `@field:` names that are not among the known fields: their clause matches nothing. */
  readonly unknownFields: readonly string[]
  /** Fields the free text looks in; null = every field. */
  readonly textFields: readonly string[] | null
}

export interface ParseOptions {
  /** Known field names; when given, other `@field:` filters are reported and match nothing. */
  fields?: readonly string[]
  /** Alternative spellings, e.g. { licence: 'license' }. */
  aliases?: Readonly<Record<string, string>>
  /** Fields the free text looks in (default: all); e.g. leave out yes/no flags so "no" finds no flag. */
  textFields?: readonly string[]
}

/** Characters that make a term a regex candidate. */
const REGEX_META = /[\\^$.*+?()[\]{}|]/
/** Bounds the highlighting work of a pathological pattern on a long cell. */
const MAX_RANGES = 200

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|\-/]/g, '\\$&')

function makeMatcher(source: string, pattern: string, regex: boolean): Matcher {
  const once = new RegExp(pattern, 'i')
  return {
    source,
    regex,
    test: (value) => once.test(value),
    ranges: (value) => {
      const out: Range[] = []
      for (const m of value.matchAll(new RegExp(pattern, 'gi'))) {
        if (m[0].length > 0) out.push([m.index, m.index + m[0].length])
        if (out.length >= MAX_RANGES) break
      }
      return out
    }
  }
}

/**
 * A term with regex metacharacters that compiles is a regex; anything else (or a quoted term)
 * is a plain case-insensitive substring.
 */
export function compileTerm(term: string, literal = false): Matcher {
  if (!literal && REGEX_META.test(term)) {
    try {
      new RegExp(term, 'i')
      return makeMatcher(term, term, true)
    } catch {
      // Not a valid regex ("c++", "(unclosed"): search it as typed.
    }
  }
  return makeMatcher(term, escapeRegExp(term), false)
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, isSep: (ch: string) => boolean): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    if (!quoted && isSep(ch)) {
      parts.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  parts.push(current)
  return parts
}

const unquote = (text: string): { value: string; literal: boolean } =>
  text.length >= 2 && text.startsWith('"') && text.endsWith('"')
    ? { value: text.slice(1, -1), literal: true }
    : { value: text, literal: false }

const FIELD_TOKEN = /^@([A-Za-z][\w-]*):(.*)$/s
const PARTIAL_FIELD = /^@[A-Za-z][\w-]*$|^@$/

export function parseSearch(query: string, options: ParseOptions = {}): ParsedSearch {
  const known = options.fields ? new Set(options.fields.map((f) => f.toLowerCase())) : null
  const aliases = new Map(Object.entries(options.aliases ?? {}).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]))
  const unknownFields: string[] = []
  const clauses: SearchClause[] = []

  for (const part of splitOutsideQuotes(query, (ch) => ch === ';')) {
    const words: string[] = []
    const filters: FieldFilter[] = []
    for (const token of splitOutsideQuotes(part, (ch) => /\s/.test(ch))) {
      if (!token) continue
      const field = FIELD_TOKEN.exec(token)
      if (field) {
        const raw = field[1]!.toLowerCase()
        const name = aliases.get(raw) ?? raw
        const { value, literal } = unquote(field[2]!)
        // `@status:` while the value is still being typed filters nothing yet.
        if (!value) continue
        if (known && !known.has(name) && !unknownFields.includes(name)) unknownFields.push(name)
        filters.push({ field: name, matcher: compileTerm(value, literal) })
      } else if (PARTIAL_FIELD.test(token)) {
        // `@sta` is a field name being typed, not text to look for.
        continue
      } else {
        words.push(token)
      }
    }
    const { value: text, literal } = unquote(words.join(' '))
    if (!text && filters.length === 0) continue // blank clause, e.g. after a trailing `;`
    clauses.push({ text: text ? compileTerm(text, literal) : null, filters })
  }
  return { clauses, unknownFields, textFields: options.textFields ?? null }
}

const valuesOf = (value: SearchDoc[string]): string[] => {
  if (value === null || value === undefined) return []
  if (Array.isArray(value)) return value as string[]
  return [String(value)]
}

function clauseMatches(doc: SearchDoc, clause: SearchClause, unknown: ReadonlySet<string>, textFields: readonly string[] | null): boolean {
  if (clause.text) {
    const text = clause.text
    const values = textFields ? textFields.map((f) => doc[f]) : Object.values(doc)
    if (!values.some((v) => valuesOf(v).some((s) => text.test(s)))) return false
  }
  return clause.filters.every((f) => !unknown.has(f.field) && valuesOf(doc[f.field]).some((s) => f.matcher.test(s)))
}

/** The clauses this document satisfies (all of them, vacuously, for a blank query: see `matches`). */
export function matchingClauses(doc: SearchDoc, search: ParsedSearch): SearchClause[] {
  const unknown = new Set(search.unknownFields)
  return search.clauses.filter((c) => clauseMatches(doc, c, unknown, search.textFields))
}

export function matches(doc: SearchDoc, search: ParsedSearch): boolean {
  return search.clauses.length === 0 || matchingClauses(doc, search).length > 0
}

export function filterRows<T>(rows: readonly T[], toDoc: (row: T) => SearchDoc, search: ParsedSearch): T[] {
  if (search.clauses.length === 0) return [...rows]
  return rows.filter((row) => matches(toDoc(row), search))
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: Array<[number, number]> = []
  for (const [start, end] of sorted) {
    const last = out[out.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else out.push([start, end])
  }
  return out
}

export interface Segment {
  text: string
  hit: boolean
}

export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const [start, end] of mergeRanges(ranges)) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false })
    out.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), hit: false })
  return out
}

/**
 * What to highlight in one row: for a displayed `text` of `field`, the ranges found by the free text
 * and by the filters on that field — of the clauses this row matched only, so a union never lights up
 * a term whose clause the row did not satisfy.
 */
export function highlighter(doc: SearchDoc, search: ParsedSearch): (field: string, text: string) => Range[] {
  const clauses = matchingClauses(doc, search)
  return (field, text) => {
    const ranges: Range[] = []
    const textHere = !search.textFields || search.textFields.includes(field)
    for (const clause of clauses) {
      if (clause.text && textHere) ranges.push(...clause.text.ranges(text))
      for (const f of clause.filters) if (f.field === field) ranges.push(...f.matcher.ranges(text))
    }
    return mergeRanges(ranges)
  }
}

/** A one-line reading of the query for screen readers and the search help ("2 searches, 1 regex"). */
export function describeSearch(search: ParsedSearch): string {
  if (search.clauses.length === 0) return 'no search'
  const parts = search.clauses.map((c) => {
    const bits: string[] = []
    if (c.text) bits.push(c.text.regex ? `regex /${c.text.source}/` : `text “${c.text.source}”`)
    for (const f of c.filters) bits.push(`${f.field} ${f.matcher.regex ? `~ /${f.matcher.source}/` : `∋ “${f.matcher.source}”`}`)
    return bits.join(' and ')
  })
  return parts.join(' or ')
}
