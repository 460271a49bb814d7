// The tokenizer regression corpus (test/fixtures/tokenizer-corpus/): 2,400 SIMMC-shaped
// responses with the tokens nltk.word_tokenize gives in each selectable nltk release.
// nltk-3.8 expectations come from running Debian's nltk 3.8; 3.5 and 3.9 from the
// same run with the documented rule differences of those releases (README.md there).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOKENIZER_SETTINGS, type TokenizerSetting } from '../../src/shared/scoring'
import { loadPunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { wordTokenize } from '../../src/main/scoring/nltk/word-tokenize'

const MODEL = loadPunktModel(path.resolve(__dirname, '../../resources/nltk-punkt-english'))
const CORPUS_FILE = path.resolve(__dirname, '../fixtures/tokenizer-corpus/corpus.json')

interface Corpus {
  sentences: string[]
  expected: Record<TokenizerSetting, string[][]>
}

const corpus = JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as Corpus

/** Indices of sentences whose expected tokens differ between two releases. */
const differing = (a: TokenizerSetting, b: TokenizerSetting): number[] =>
  corpus.sentences.flatMap((_, i) => (JSON.stringify(corpus.expected[a][i]) === JSON.stringify(corpus.expected[b][i]) ? [] : [i]))

describe('tokenizer regression corpus', () => {
  it('holds at least 2,000 sentences with expected tokens for every version', () => {
    expect(corpus.sentences.length).toBeGreaterThanOrEqual(2000)
    for (const version of TOKENIZER_SETTINGS) expect(corpus.expected[version]).toHaveLength(corpus.sentences.length)
  })

  it('exercises every rule difference between the versions', () => {
    expect(differing('nltk-3.5', 'nltk-3.8').length).toBeGreaterThan(10)
    expect(differing('nltk-3.9', 'nltk-3.8').length).toBeGreaterThan(5)
  })

  for (const version of TOKENIZER_SETTINGS) {
    it(`wordTokenize(${version}) equals the expected tokens of every sentence`, () => {
      const mismatches = corpus.sentences.flatMap((sentence, i) => {
        const got = wordTokenize(sentence, MODEL, version)
        const want = corpus.expected[version][i]!
        return JSON.stringify(got) === JSON.stringify(want) ? [] : [{ i, sentence, got, want }]
      })
      expect(mismatches.slice(0, 5)).toEqual([])
      expect(mismatches).toHaveLength(0)
    })
  }
})

describe('the rules that differ between nltk releases', () => {
  const tok = (text: string, version: TokenizerSetting): string[] => wordTokenize(text, MODEL, version)

  it("quoted sizes: 'xl' keeps its opening quote in every release (issue 16)", () => {
    for (const version of TOKENIZER_SETTINGS)
      expect(tok("i'll take the 'xl' one.", version)).toEqual(['i', "'ll", 'take', 'the', "'xl", "'", 'one', '.'])
    // A one-letter word that is not a clitic loses it; 'm is a clitic.
    for (const version of TOKENIZER_SETTINGS) expect(tok("size 'l' please", version)).toEqual(['size', "'", 'l', "'", 'please'])
    for (const version of TOKENIZER_SETTINGS) expect(tok("size 'm' please", version)).toEqual(['size', "'m", "'", 'please'])
  })

  it("nltk 3.5 did not count 'n as a clitic, nor more'n as a contraction", () => {
    expect(tok("rock 'n roll", 'nltk-3.5')).toEqual(['rock', "'", 'n', 'roll'])
    expect(tok("rock 'n roll", 'nltk-3.8')).toEqual(['rock', "'n", 'roll'])
    expect(tok("it's more'n enough", 'nltk-3.5')).toEqual(['it', "'s", 'more', "'", 'n', 'enough'])
    expect(tok("it's more'n enough", 'nltk-3.8')).toEqual(['it', "'s", 'more', "'n", 'enough'])
    // The opening-quote rule runs first, so nltk 3.5's mor'n contraction never saw its 'n.
    expect(tok("mor'n that", 'nltk-3.5')).toEqual(['mor', "'", 'n', 'that'])
    expect(tok("mor'n that", 'nltk-3.8')).toEqual(["mor'n", 'that'])
  })

  it("nltk 3.5 padded '' only after a non-space", () => {
    expect(tok("it is '' ok", 'nltk-3.5')).toEqual(['it', 'is', '``', 'ok'])
    expect(tok("it is ''ok", 'nltk-3.5')).toEqual(['it', 'is', '``', 'ok'])
    expect(tok("x''y", 'nltk-3.5')).toEqual(['x', "''", 'y'])
    expect(tok("x''y", 'nltk-3.8')).toEqual(['x', "''", 'y'])
  })

  it('nltk 3.9 splits a clitic before a tab or newline; earlier releases did not', () => {
    expect(tok("he's\tgreat", 'nltk-3.8')).toEqual(["he's", 'great'])
    expect(tok("he's\tgreat", 'nltk-3.5')).toEqual(["he's", 'great'])
    expect(tok("he's\tgreat", 'nltk-3.9')).toEqual(['he', "'s", 'great'])
  })

  it('no release of the three pads dashes or quotes before longer words (later nltk development does)', () => {
    for (const version of TOKENIZER_SETTINGS) {
      expect(tok('the sofa—which is blue', version)).toEqual(['the', 'sofa—which', 'is', 'blue'])
      expect(tok("'hard' to tell", version)).toEqual(["'hard", "'", 'to', 'tell'])
    }
  })
})
