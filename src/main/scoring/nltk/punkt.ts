// Punkt sentence splitter (Kiss & Strunk 2006) as nltk's PunktSentenceTokenizer
// applies a pre-trained model: candidate breaks found by the period-context
// regex, each decided by annotating the tokens of its context (first pass by
// word type, second pass by collocations, orthography and sentence starters),
// then boundaries realigned over closing quotes and brackets.
// Pure: the model is passed in (see punkt-model.ts for loading it).
//
// The candidate search differs by nltk release: up to 3.6.5 (so in nltk 3.5, DSTC9's)
// one regex matched the word before each end character, and finditer's
// non-overlapping matches decided; since 3.6.6 (ReDoS fix, refined in 3.8) the word is
// found separately and overlapping candidates are dropped. They disagree on runs of end
// characters followed by brackets or quotes ("what?!] no"); everything else is shared.

import type { TokenizerSetting } from '../../../shared/scoring'

export interface PunktModel {
  /** Abbreviation types, lower case, without the final period ("mr", "u.s"). */
  abbrevTypes: ReadonlySet<string>
  /** Collocations, keyed by `collocationKey(first, second)`. */
  collocations: ReadonlySet<string>
  /** Frequent sentence starters (word types). */
  sentStarters: ReadonlySet<string>
  /** Word type -> bit set of orthographic contexts seen in training. */
  orthoContext: ReadonlyMap<string, number>
}

export function collocationKey(first: string, second: string): string {
  return `${first}\t${second}`
}

// ---------------------------------------------------------------------------
// Python `re` compatibility. nltk's regexes run on Python str, whose \s, \w,
// \d, \b and $ differ from JavaScript's; these spell out Python's meaning.

/** Characters Python's str.isspace() / `\s` accept (JS `\s` differs on \x1c-\x1f, \x85, \ufeff). */
const PY_SPACE_CHARS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
export const PY_S = `[${PY_SPACE_CHARS}]`
export const PY_NS = `[^${PY_SPACE_CHARS}]`
/** Python `\w` on str: letters, numbers (Nd, Nl, No) and underscore. */
export const PY_W = '[\\p{L}\\p{N}_]'
/** Python `[^\W\d]`: a word character that is not a decimal digit. */
export const PY_ALPHA = '[\\p{L}\\p{Nl}\\p{No}_]'
/** Python `\b` (Unicode-aware; JS `\b` only knows ASCII words). */
export const PY_B = `(?:(?<=${PY_W})(?!${PY_W})|(?<!${PY_W})(?=${PY_W}))`
/** Python `$` without MULTILINE: end of string, or before a final newline. */
export const PY_END = '(?=\\n?$)'

const PY_TRAILING_SPACE = new RegExp(`${PY_S}+$`, 'u')
const PY_ONLY_SPACE = new RegExp(`^${PY_S}*$`, 'u')

/** Python str.rstrip() with no argument. */
export function pyRstrip(s: string): string {
  return s.replace(PY_TRAILING_SPACE, '')
}

// ---------------------------------------------------------------------------
// PunktLanguageVars (English defaults).

const SENT_END_CHARS = new Set(['.', '?', '!'])
/** Characters that cannot appear within words: `)";}]*:@'({[` plus `?` and `!`. */
const NON_WORD = `[)";}\\]*:@'({\\[?!]`
/** Hyphen runs, ellipses, and spaced ellipses (". . ."). */
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${PY_S}){2,}\\.)`
/** Characters that cannot start a word token. */
const WORD_START = '[^("`{\\[:;&#*@)}\\]\\-,]'

/** Punkt's own word splitter: splits off punctuation other than periods. */
const WORD_TOKEN = new RegExp(
  `${MULTI_CHAR}` +
    `|(?=${WORD_START})${PY_NS}+?` +
    `(?=${PY_S}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${PY_S}|${NON_WORD}|${MULTI_CHAR}))` +
    `|${PY_NS}`,
  'gu'
)

/**
 * A potential sentence end: `.`, `?` or `!` followed by punctuation that cannot
 * be inside a word (group 1 only) or by whitespace and the next token (group 2).
 */
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(${NON_WORD}|${PY_S}+(${PY_NS}+)))`, 'gu')
/** nltk <= 3.6.5: the same, with the word before (`\S*`) inside the match. */
const PERIOD_CONTEXT_WITH_WORD = new RegExp(`${PY_NS}*[.?!](?=(${NON_WORD}|${PY_S}+(${PY_NS}+)))`, 'gu')

/** Closing punctuation after a break that belongs to the previous sentence (MULTILINE `$`). */
const BOUNDARY_REALIGNMENT = new RegExp(`^["')\\]}]+?(?:${PY_S}+|(?=--)|(?=\\n|$))`, 'u')

// ---------------------------------------------------------------------------
// PunktToken.

const ORTHO_BEG_UC = 1 << 1
const ORTHO_MID_UC = 1 << 2
const ORTHO_UNK_UC = 1 << 3
const ORTHO_BEG_LC = 1 << 4
const ORTHO_MID_LC = 1 << 5
const ORTHO_UNK_LC = 1 << 6
const ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC
const ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC

const RE_NUMERIC = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u
const RE_ELLIPSIS = /^\.\.+$/
const RE_INITIAL = new RegExp(`^${PY_ALPHA}\\.$`, 'u')
const RE_UPPER = /^\p{Uppercase}/u
const RE_LOWER = /^\p{Lowercase}/u
/** The second pass never treats these as sentence starters. */
const PUNCTUATION = new Set([';', ':', ',', '.', '!', '?'])

interface Token {
  tok: string
  /** Lower case, with numbers replaced by "##number##". */
  type: string
  periodFinal: boolean
  sentbreak: boolean
  abbr: boolean
  ellipsis: boolean
}

function makeToken(tok: string): Token {
  const lower = tok.toLowerCase()
  return {
    tok,
    type: RE_NUMERIC.test(lower) ? '##number##' : lower,
    periodFinal: tok.endsWith('.'),
    sentbreak: false,
    abbr: false,
    ellipsis: false
  }
}

function typeNoPeriod(t: Token): string {
  return t.type.length > 1 && t.type.endsWith('.') ? t.type.slice(0, -1) : t.type
}

function typeNoSentperiod(t: Token): string {
  return t.sentbreak ? typeNoPeriod(t) : t.type
}

// ---------------------------------------------------------------------------
// Annotation.

/**
 * Punkt's word tokens of a text, line by line. (nltk also records line and
 * paragraph starts, but only training reads them, so they are not kept.)
 */
function punktWords(text: string): Token[] {
  const tokens: Token[] = []
  for (const line of text.split('\n')) {
    if (PY_ONLY_SPACE.test(line)) continue
    for (const m of line.matchAll(WORD_TOKEN)) tokens.push(makeToken(m[0]))
  }
  return tokens
}

/** First pass: decisions from the word type alone. */
function annotateFirstPass(t: Token, model: PunktModel): void {
  if (SENT_END_CHARS.has(t.tok)) {
    t.sentbreak = true
  } else if (RE_ELLIPSIS.test(t.tok)) {
    t.ellipsis = true
  } else if (t.periodFinal && !t.tok.endsWith('..')) {
    // "Fort-Mr." style: the part after the last hyphen may be the abbreviation.
    const base = t.tok.slice(0, -1).toLowerCase()
    const lastPart = base.split('-').pop() ?? base
    if (model.abbrevTypes.has(base) || model.abbrevTypes.has(lastPart)) t.abbr = true
    else t.sentbreak = true
  }
}

/** Orthographic heuristic: does `t` start a sentence? true, false or 'unknown'. */
function orthoHeuristic(t: Token, model: PunktModel): boolean | 'unknown' {
  if (PUNCTUATION.has(t.tok)) return false
  const ctx = model.orthoContext.get(typeNoSentperiod(t)) ?? 0
  // Capitalized here, seen lower case, never capitalized mid-sentence: a starter.
  if (RE_UPPER.test(t.tok) && ctx & ORTHO_LC && !(ctx & ORTHO_MID_UC)) return true
  // Lower case here and either seen capitalized or never seen lower case at a sentence start.
  if (RE_LOWER.test(t.tok) && (ctx & ORTHO_UC || !(ctx & ORTHO_BEG_LC))) return false
  return 'unknown'
}

/** Second pass: revises the decision on a period-final token from the token after it. */
function annotateSecondPass(t1: Token, t2: Token | undefined, model: PunktModel): void {
  if (!t2 || !t1.periodFinal) return
  const typ = typeNoPeriod(t1)
  const nextTyp = typeNoSentperiod(t2)
  const isInitial = RE_INITIAL.test(t1.tok)

  // A known collocation across the period is never a break.
  if (model.collocations.has(collocationKey(typ, nextTyp))) {
    t1.sentbreak = false
    t1.abbr = true
    return
  }

  // An abbreviation or ellipsis may still end a sentence.
  if ((t1.abbr || t1.ellipsis) && !isInitial) {
    if (orthoHeuristic(t2, model) === true) {
      t1.sentbreak = true
      return
    }
    if (RE_UPPER.test(t2.tok) && model.sentStarters.has(nextTyp)) {
      t1.sentbreak = true
      return
    }
  }

  // Initials and ordinal numbers are abbreviations unless the next word starts a sentence.
  if (isInitial || typ === '##number##') {
    const starter = orthoHeuristic(t2, model)
    if (starter === false) {
      t1.sentbreak = false
      t1.abbr = true
      return
    }
    // "J. Bach": an initial before a word never seen in lower case.
    const nextCtx = model.orthoContext.get(nextTyp) ?? 0
    if (starter === 'unknown' && isInitial && RE_UPPER.test(t2.tok) && !(nextCtx & ORTHO_LC)) {
      t1.sentbreak = false
      t1.abbr = true
    }
  }
}

/** True if any token but the last of `text` is a sentence break. */
function containsSentbreak(text: string, model: PunktModel): boolean {
  const tokens = punktWords(text)
  for (const t of tokens) annotateFirstPass(t, model)
  // Left to right, each pass sees the next token's first-pass state, as in nltk's generator chain.
  for (let i = 0; i < tokens.length; i++) annotateSecondPass(tokens[i]!, tokens[i + 1], model)
  return tokens.slice(0, -1).some((t) => t.sentbreak)
}

// ---------------------------------------------------------------------------
// Candidate breaks and sentence spans.

interface Candidate {
  /** Offset just after the sentence-ending character. */
  end: number
  /** Where the next token starts when whitespace follows, else null. */
  nextTokStart: number | null
  /** The word before, the end character and what follows it: the text to annotate. */
  context: string
}

/** nltk's `_get_last_whitespace_index`: ASCII whitespace only, and 0 when none. */
function lastAsciiSpace(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (' \t\n\r\v\f'.includes(s[i]!)) return i
  return 0
}

/**
 * nltk's `_match_potential_end_contexts`: each candidate's context starts at the
 * word before it; a candidate whose word overlaps the next one's ("acting!!!")
 * is dropped in favour of the later one. Quirk kept: whitespace at offset 0 of
 * the scanned stretch counts as "none found".
 */
function potentialEnds(text: string): Candidate[] {
  const out: Candidate[] = []
  let prev: RegExpExecArray | null = null
  let prevStart = 0
  let prevStop = 0
  const emit = (m: RegExpExecArray, start: number, stop: number): void => {
    const afterTok = m[1] ?? ''
    const nextTok = m[2]
    const end = m.index + m[0].length
    out.push({
      end,
      nextTokStart: nextTok ? end + afterTok.length - nextTok.length : null,
      context: text.slice(start, stop) + m[0] + afterTok
    })
  }
  for (const m of text.matchAll(PERIOD_CONTEXT)) {
    const ws = lastAsciiSpace(text.slice(prevStop, m.index))
    const wordStart = ws ? prevStop + ws + 1 : prevStart
    if (prev && prevStop <= wordStart) emit(prev, prevStart, prevStop)
    prev = m
    prevStart = wordStart
    prevStop = m.index
  }
  if (prev) emit(prev, prevStart, prevStop)
  return out
}

/** nltk <= 3.6.5: every non-overlapping match of the word-and-end regex is a candidate. */
function potentialEndsWithWord(text: string): Candidate[] {
  return [...text.matchAll(PERIOD_CONTEXT_WITH_WORD)].map((m) => {
    const afterTok = m[1] ?? ''
    const nextTok = m[2]
    const end = m.index + m[0].length
    return { end, nextTokStart: nextTok ? end + afterTok.length - nextTok.length : null, context: m[0] + afterTok }
  })
}

type Span = [start: number, end: number]

function rawSpans(text: string, model: PunktModel, version: TokenizerSetting): Span[] {
  const spans: Span[] = []
  let lastBreak = 0
  for (const c of version === 'nltk-3.5' ? potentialEndsWithWord(text) : potentialEnds(text)) {
    if (!containsSentbreak(c.context, model)) continue
    spans.push([lastBreak, c.end])
    lastBreak = c.nextTokStart ?? c.end
  }
  // The last sentence does not keep trailing whitespace.
  spans.push([lastBreak, pyRstrip(text).length])
  return spans
}

/** Moves closing quotes/brackets that follow a break back into the sentence they close. */
function realignSpans(text: string, spans: Span[]): Span[] {
  const out: Span[] = []
  let realign = 0
  for (let i = 0; i < spans.length; i++) {
    const s1: Span = [spans[i]![0] + realign, spans[i]![1]]
    const s2 = spans[i + 1]
    const nonEmpty = text.slice(s1[0], s1[1]) !== ''
    if (!s2) {
      if (nonEmpty) out.push(s1)
      continue
    }
    const m = BOUNDARY_REALIGNMENT.exec(text.slice(s2[0], s2[1]))
    if (m) {
      out.push([s1[0], s2[0] + pyRstrip(m[0]).length])
      realign = m[0].length
    } else {
      realign = 0
      if (nonEmpty) out.push(s1)
    }
  }
  return out
}

/** Sentence spans [start, end) in `text` (nltk `span_tokenize`, realign_boundaries=True) of the given release. */
export function sentenceSpans(text: string, model: PunktModel, version: TokenizerSetting = 'nltk-3.8'): Span[] {
  return realignSpans(text, rawSpans(text, model, version))
}

/** Sentences of `text` (nltk `PunktSentenceTokenizer.tokenize`) of the given release. */
export function sentTokenize(text: string, model: PunktModel, version: TokenizerSetting = 'nltk-3.8'): string[] {
  return sentenceSpans(text, model, version).map(([s, e]) => text.slice(s, e))
}
