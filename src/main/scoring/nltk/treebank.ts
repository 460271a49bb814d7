// nltk's NLTKWordTokenizer (the improved Treebank tokenizer that
// `nltk.word_tokenize` applies to each Punkt sentence), with its defaults:
// convert_parentheses=False. A fixed sequence of regex rewrites that pads
// tokens with spaces, then a whitespace split. Pure.

import { PY_B, PY_END, PY_S, PY_W } from './punkt'

type Rule = readonly [RegExp, string]

const rule = (source: string, replacement: string, flags = ''): Rule => [new RegExp(source, `gu${flags}`), replacement]

// Python `$` in these patterns means "end, or before a final newline": PY_END.

const STARTING_QUOTES: readonly Rule[] = [
  rule('([«“‘„]|`+)', ' $1 '),
  rule('^"', '``'),
  rule('(``)', ' $1 '),
  // A double quote (or '') after a space or opening bracket opens a quotation.
  rule('([ (\\[{<])("|\'{2})', '$1 `` '),
  // A single quote starting a word that is not a clitic ('re, 've, 'll, 'm, 't, 's, 'd, 'n).
  // Current nltk; nltk <= 3.9.1 used (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b -> "\1 \2".
  rule(`(?<!${PY_W})(')(?!(?:re|ve|ll|m|t|s|d|n)${PY_B})(?=${PY_W})`, '$1 ', 'i')
]

// Closing characters a sentence-final period may be followed by (first rule includes a space).
const PUNCTUATION: readonly Rule[] = [
  rule(`([^.])(\\.)([\\])}>"'»”’ ]*)${PY_S}*${PY_END}`, '$1 $2 $3 '),
  rule('([:,])([^\\p{Nd}])', ' $1 $2'),
  rule(`([:,])${PY_END}`, ' $1 '),
  rule('\\.{2,}', ' $& '),
  rule('[;@#$%&]', ' $& '),
  // Figure dash, en dash, em dash, horizontal bar (current nltk).
  rule('[\\u2012-\\u2015]', ' $& '),
  // The final period (again, for what the first rule left).
  rule(`([^.])(\\.)([\\])}>"']*)${PY_S}*${PY_END}`, '$1 $2$3 '),
  rule('[?!]', ' $& '),
  rule("([^'])' ", "$1 ' "),
  rule('[*]', ' $& ')
]

const PARENS_BRACKETS = rule('[\\][(){}<>]', ' $& ')
const DOUBLE_DASHES = rule('--', ' -- ')

const ENDING_QUOTES: readonly Rule[] = [
  rule('([»”’])', ' $1 '),
  rule("''", " '' "),
  rule('"', " '' "),
  rule(`${PY_S}+`, ' '),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", '$1 $2 '),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", '$1 $2 ')
]

// Robert MacIntyre's contractions, split in two ("cannot" -> "can not").
const CONTRACTIONS: readonly Rule[] = [
  rule(`${PY_B}(can)(not)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(d)('ye)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(gim)(me)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(gon)(na)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(got)(ta)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(lem)(me)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(more)('n)${PY_B}`, ' $1 $2 ', 'i'),
  rule(`${PY_B}(wan)(na)(?=${PY_S})`, ' $1 $2 ', 'i'),
  rule(` ('t)(is)${PY_B}`, ' $1 $2 ', 'i'),
  rule(` ('t)(was)${PY_B}`, ' $1 $2 ', 'i')
]

const PY_SPLIT = new RegExp(`${PY_S}+`, 'u')

function applyAll(text: string, rules: readonly Rule[]): string {
  let out = text
  for (const [re, replacement] of rules) out = out.replace(re, replacement)
  return out
}

/** Tokens of one sentence, as `NLTKWordTokenizer().tokenize(sentence)`. */
export function treebankTokenize(sentence: string): string[] {
  let text = applyAll(sentence, STARTING_QUOTES)
  text = applyAll(text, PUNCTUATION)
  text = applyAll(text, [PARENS_BRACKETS, DOUBLE_DASHES])
  // Padding with spaces lets the ending-quote and contraction rules see word edges.
  text = applyAll(` ${text} `, ENDING_QUOTES)
  text = applyAll(text, CONTRACTIONS)
  // Python str.split(): split on whitespace runs, drop empty strings.
  return text.split(PY_SPLIT).filter((t) => t !== '')
}
