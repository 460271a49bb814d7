// nltk's NLTKWordTokenizer (the improved Treebank tokenizer that
// `nltk.word_tokenize` applies to each Punkt sentence), with its defaults:
// convert_parentheses=False. A fixed sequence of regex rewrites that pads
// tokens with spaces, then a whitespace split. Pure.
//
// The rules differ between nltk releases; each version's rule set is built
// below from the sources of that release (see test/fixtures/tokenizer-corpus/README.md):
// - nltk-3.5 (2020, DSTC9): the opening-quote lookahead has no `n`; ending quotes
//   pad `''` only after a non-space (`(\S)('')`), `"` before it; contractions
//   `mor'n` and `wanna\s` (MacIntyre typos fixed in nltk PRs #2608 and #2877).
// - nltk-3.8 (3.6.6 .. 3.8.1): `'n` joins the clitics, `''` is padded everywhere.
// - nltk-3.9 (3.8.2 .. 3.9.2): whitespace runs collapse to one space before the
//   clitic rules (nltk PR #3224), so a clitic before a tab or newline splits too.
// Later development rules (dash padding, the `(?=\w)` opening-quote rule) are not
// in any of these releases.

import { TOKENIZER_SETTINGS, type TokenizerSetting } from '../../../shared/scoring'
import { PY_B, PY_END, PY_NS, PY_S, PY_W } from './punkt'

export const NLTK_VERSIONS = TOKENIZER_SETTINGS
export type NltkVersion = TokenizerSetting

type Rule = readonly [RegExp, string]

const rule = (source: string, replacement: string, flags = ''): Rule => [new RegExp(source, `gu${flags}`), replacement]

// Python `$` in these patterns means "end, or before a final newline": PY_END.

function startingQuotes(version: NltkVersion): Rule[] {
  // A single quote before a one-character word that is not a clitic is split
  // off ('x -> ' x); longer words keep it ('xl stays one token). nltk 3.5 did
  // not list `n` among the clitics.
  const clitics = version === 'nltk-3.5' ? 're|ve|ll|m|t|s|d' : 're|ve|ll|m|t|s|d|n'
  return [
    rule('([«“‘„]|`+)', ' $1 '),
    rule('^"', '``'),
    rule('(``)', ' $1 '),
    // A double quote (or '') after a space or opening bracket opens a quotation.
    rule('([ (\\[{<])("|\'{2})', '$1 `` '),
    rule(`(')(?!${clitics})(${PY_W})${PY_B}`, '$1 $2', 'i')
  ]
}

// Closing characters a sentence-final period may be followed by (first rule includes a space).
const PUNCTUATION: readonly Rule[] = [
  rule(`([^.])(\\.)([\\])}>"'»”’ ]*)${PY_S}*${PY_END}`, '$1 $2 $3 '),
  rule('([:,])([^\\p{Nd}])', ' $1 $2'),
  rule(`([:,])${PY_END}`, ' $1 '),
  rule('\\.{2,}', ' $& '),
  rule('[;@#$%&]', ' $& '),
  // The final period (again, for what the first rule left).
  rule(`([^.])(\\.)([\\])}>"']*)${PY_S}*${PY_END}`, '$1 $2$3 '),
  rule('[?!]', ' $& '),
  rule("([^'])' ", "$1 ' "),
  rule('[*]', ' $& ')
]

const PARENS_BRACKETS = rule('[\\][(){}<>]', ' $& ')
const DOUBLE_DASHES = rule('--', ' -- ')

function endingQuotes(version: NltkVersion): Rule[] {
  const clitics: Rule[] = [rule("([^' ])('[sS]|'[mM]|'[dD]|') ", '$1 $2 '), rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", '$1 $2 ')]
  const closing = rule('([»”’])', ' $1 ')
  if (version === 'nltk-3.5') return [closing, rule('"', " '' "), rule(`(${PY_NS})('')`, '$1 $2 '), ...clitics]
  const quotes = [closing, rule("''", " '' "), rule('"', " '' ")]
  if (version === 'nltk-3.8') return [...quotes, ...clitics]
  return [...quotes, rule(`${PY_S}+`, ' '), ...clitics]
}

// Robert MacIntyre's contractions, split in two ("cannot" -> "can not").
function contractions(version: NltkVersion): Rule[] {
  const old = version === 'nltk-3.5'
  return [
    rule(`${PY_B}(can)(not)${PY_B}`, ' $1 $2 ', 'i'),
    rule(`${PY_B}(d)('ye)${PY_B}`, ' $1 $2 ', 'i'),
    rule(`${PY_B}(gim)(me)${PY_B}`, ' $1 $2 ', 'i'),
    rule(`${PY_B}(gon)(na)${PY_B}`, ' $1 $2 ', 'i'),
    rule(`${PY_B}(got)(ta)${PY_B}`, ' $1 $2 ', 'i'),
    rule(`${PY_B}(lem)(me)${PY_B}`, ' $1 $2 ', 'i'),
    rule(old ? `${PY_B}(mor)('n)${PY_B}` : `${PY_B}(more)('n)${PY_B}`, ' $1 $2 ', 'i'),
    // nltk 3.5 consumed the whitespace after "wanna"; later releases only look at it.
    rule(old ? `${PY_B}(wan)(na)${PY_S}` : `${PY_B}(wan)(na)(?=${PY_S})`, ' $1 $2 ', 'i'),
    rule(` ('t)(is)${PY_B}`, ' $1 $2 ', 'i'),
    rule(` ('t)(was)${PY_B}`, ' $1 $2 ', 'i')
  ]
}

interface RuleSet {
  starting: readonly Rule[]
  ending: readonly Rule[]
  contractions: readonly Rule[]
}

const ruleSet = (v: NltkVersion): RuleSet => ({ starting: startingQuotes(v), ending: endingQuotes(v), contractions: contractions(v) })
// Built on first use, per release: only BLEU tokenizes, so other scoring runs never compile these.
const RULES: Partial<Record<NltkVersion, RuleSet>> = {}

const PY_SPLIT = new RegExp(`${PY_S}+`, 'u')

function applyAll(text: string, rules: readonly Rule[]): string {
  let out = text
  for (const [re, replacement] of rules) out = out.replace(re, replacement)
  return out
}

/** Tokens of one sentence, as `NLTKWordTokenizer().tokenize(sentence)` of the given nltk release. */
export function treebankTokenize(sentence: string, version: NltkVersion): string[] {
  const rules = (RULES[version] ??= ruleSet(version))
  let text = applyAll(sentence, rules.starting)
  text = applyAll(text, PUNCTUATION)
  text = applyAll(text, [PARENS_BRACKETS, DOUBLE_DASHES])
  // Padding with spaces lets the ending-quote and contraction rules see word edges.
  text = applyAll(` ${text} `, rules.ending)
  text = applyAll(text, rules.contractions)
  // Python str.split(): split on whitespace runs, drop empty strings.
  return text.split(PY_SPLIT).filter((t) => t !== '')
}
