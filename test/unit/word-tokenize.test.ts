// Expected tokens were derived by tracing nltk's word_tokenize (Punkt with the
// English model, then NLTKWordTokenizer); the notes say which rule decides.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sentTokenize } from '../../src/main/scoring/nltk/punkt'
import { loadPunktModel, parsePunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { treebankTokenize } from '../../src/main/scoring/nltk/treebank'
import { wordTokenize } from '../../src/main/scoring/nltk/word-tokenize'

const MODEL = loadPunktModel(path.resolve(__dirname, '../../resources/nltk-punkt-english'))
const tok = (text: string): string[] => wordTokenize(text, MODEL)
const sents = (text: string): string[] => sentTokenize(text, MODEL)

describe('punkt model tables', () => {
  it('loads the English model', () => {
    expect(MODEL.abbrevTypes.has('mr')).toBe(true)
    expect(MODEL.abbrevTypes.has('u.s')).toBe(true)
    expect(MODEL.abbrevTypes.has('e.g')).toBe(false)
    expect(MODEL.sentStarters.has('the')).toBe(true)
    expect(MODEL.orthoContext.get('smith')).toBe(12)
    expect(MODEL.collocations.size).toBe(37)
  })

  it('parses tables from strings and rejects malformed lines', () => {
    const model = parsePunktModel({ abbrev: 'zzq\n', collocations: 'a\tb\r\n', sentStarters: '', orthoContext: 'x\t6\n' })
    expect([...model.abbrevTypes]).toEqual(['zzq'])
    expect(model.orthoContext.get('x')).toBe(6)
    expect(() => parsePunktModel({ abbrev: '', collocations: 'a b\n', sentStarters: '', orthoContext: '' })).toThrow(
      /collocations.tab line 1/
    )
    expect(() => parsePunktModel({ abbrev: '', collocations: '', sentStarters: '', orthoContext: 'x\tsix\n' })).toThrow(
      /ortho_context.tab line 1/
    )
  })

  it('uses the model it is given: an abbreviation suppresses the break', () => {
    const empty = { abbrev: '', collocations: '', sentStarters: '', orthoContext: '' }
    const withZzq = parsePunktModel({ ...empty, abbrev: 'zzq\n' })
    expect(sentTokenize('I met zzq. smith today.', parsePunktModel(empty))).toEqual(['I met zzq.', 'smith today.'])
    expect(sentTokenize('I met zzq. smith today.', withZzq)).toEqual(['I met zzq. smith today.'])
  })
})

describe('wordTokenize: empty input', () => {
  it('empty string and whitespace only give no tokens', () => {
    expect(tok('')).toEqual([])
    expect(tok('   \n\t ')).toEqual([])
  })
})

describe('wordTokenize: quotes', () => {
  it("double quotes become `` and ''", () => {
    expect(tok('He said "hello there" to me.')).toEqual(['He', 'said', '``', 'hello', 'there', "''", 'to', 'me', '.'])
  })
  it('a quote at the very start opens (^")', () => {
    expect(tok('"Hello," she said.')).toEqual(['``', 'Hello', ',', "''", 'she', 'said', '.'])
  })
  it('a quote after a space always opens, even when it ends the text', () => {
    // Punkt keeps `? "` together (the quote realigns onto the sentence), then ` "` -> ` `` `.
    expect(sents('? "')).toEqual(['? "'])
    expect(tok('? "')).toEqual(['?', '``'])
  })
  it('closing punctuation after a break is realigned into the sentence', () => {
    expect(sents('She said "go." Then she left.')).toEqual(['She said "go."', 'Then she left.'])
    expect(tok('She said "go." Then she left.')).toEqual(['She', 'said', '``', 'go', '.', "''", 'Then', 'she', 'left', '.'])
  })
})

describe('wordTokenize: contractions', () => {
  it("splits n't, 'm, 'll, 're, 's", () => {
    expect(tok("I can't go")).toEqual(['I', 'ca', "n't", 'go'])
    expect(tok("I'm sure you'll see")).toEqual(['I', "'m", 'sure', 'you', "'ll", 'see'])
    expect(tok("it's smith's lamp; isn't it?")).toEqual(['it', "'s", 'smith', "'s", 'lamp', ';', 'is', "n't", 'it', '?'])
  })
  it('splits MacIntyre contractions', () => {
    expect(tok("we're gonna win")).toEqual(['we', "'re", 'gon', 'na', 'win'])
    expect(tok('I cannot')).toEqual(['I', 'can', 'not'])
  })
  it("keeps a bare n't (nothing before it to split from)", () => {
    expect(tok("n't")).toEqual(["n't"])
  })
})

describe('wordTokenize: periods, abbreviations, numbers', () => {
  it('splits the sentence-final period off a price', () => {
    expect(tok('$1,299.99.')).toEqual(['$', '1,299.99', '.'])
    expect(tok('it costs $1,299.99.')).toEqual(['it', 'costs', '$', '1,299.99', '.'])
  })
  it('keeps numbers with commas and decimals whole', () => {
    expect(tok('it costs 1,299 dollars, ok')).toEqual(['it', 'costs', '1,299', 'dollars', ',', 'ok'])
    expect(tok('costs 12,000, ok')).toEqual(['costs', '12,000', ',', 'ok'])
    expect(tok('costs 20.50 you inches 3')).toEqual(['costs', '20.50', 'you', 'inches', '3'])
  })
  it('"mr" is a known abbreviation: no break, period kept', () => {
    expect(sents('mr. smith arrived.')).toEqual(['mr. smith arrived.'])
    expect(tok('mr. smith arrived.')).toEqual(['mr.', 'smith', 'arrived', '.'])
    // "smith" is never seen lower case in training: the orthographic heuristic is unsure.
    expect(tok('Mr. Smith arrived.')).toEqual(['Mr.', 'Smith', 'arrived', '.'])
  })
  it('"e.g" is not in the model: a sentence break, then the final-period rule', () => {
    expect(sents('e.g. this')).toEqual(['e.g.', 'this'])
    expect(tok('e.g. this')).toEqual(['e.g', '.', 'this'])
  })
  it('"u.s" is an abbreviation; at the very end its period is still split off', () => {
    expect(tok('u.s. army')).toEqual(['u.s.', 'army'])
    expect(tok('The U.S. Army arrived. Then it left.')).toEqual(['The', 'U.S.', 'Army', 'arrived', '.', 'Then', 'it', 'left', '.'])
    expect(tok('I live in the u.s.')).toEqual(['I', 'live', 'in', 'the', 'u.s', '.'])
  })
  it('"I like it." vs "it.": the final period is split either way', () => {
    expect(tok('I like it.')).toEqual(['I', 'like', 'it', '.'])
    expect(tok('it.')).toEqual(['it', '.'])
  })
  it('an ordinal before a word seen capitalized is not a break, and keeps its period', () => {
    expect(sents('it is 5. then more')).toEqual(['it is 5. then more'])
    expect(tok('it is 5. then more')).toEqual(['it', 'is', '5.', 'then', 'more'])
  })
  it('a known collocation (##number##, abreast) is not a break', () => {
    expect(tok('1990. abreast of it')).toEqual(['1990.', 'abreast', 'of', 'it'])
  })
  it('an initial before a never-lower-case word is not a break', () => {
    expect(tok('J. Bach wrote it.')).toEqual(['J.', 'Bach', 'wrote', 'it', '.'])
  })
})

describe('wordTokenize: ellipses and sentences', () => {
  it('an ellipsis is one token and, before a lower-case word, no break', () => {
    expect(sents('wait... what')).toEqual(['wait... what'])
    expect(tok('wait... what')).toEqual(['wait', '...', 'what'])
  })
  it('an ellipsis before a frequent sentence starter is a break', () => {
    expect(sents('i see... The end.')).toEqual(['i see...', 'The end.'])
  })
  it('splits multi-sentence text and tokenizes each sentence', () => {
    expect(sents('It rained. We stayed home! Did you?')).toEqual(['It rained.', 'We stayed home!', 'Did you?'])
    expect(tok('It rained. We stayed home! Did you?')).toEqual(['It', 'rained', '.', 'We', 'stayed', 'home', '!', 'Did', 'you', '?'])
    expect(tok('ok? sure! fine.')).toEqual(['ok', '?', 'sure', '!', 'fine', '.'])
    expect(tok('no. the one costs 20.50')).toEqual(['no', '.', 'the', 'one', 'costs', '20.50'])
  })
  it('repeated end marks: only the last one of a run is a candidate', () => {
    expect(sents('Buy it now!!! It is cheap.')).toEqual(['Buy it now!!!', 'It is cheap.'])
  })
  it('a question mark before a lone word breaks even in lower case', () => {
    expect(tok("... to i one ? smith's")).toEqual(['...', 'to', 'i', 'one', '?', 'smith', "'s"])
  })
  it('a blank line alone is not a break', () => {
    expect(sents('hello\n\nworld. bye')).toEqual(['hello\n\nworld.', 'bye'])
  })
})

describe('wordTokenize: brackets, dashes, whitespace', () => {
  it('pads parentheses and brackets (convert_parentheses=False)', () => {
    expect(tok('the sofa (blue) is here.')).toEqual(['the', 'sofa', '(', 'blue', ')', 'is', 'here', '.'])
    expect(tok('x [y] {z} <w>')).toEqual(['x', '[', 'y', ']', '{', 'z', '}', '<', 'w', '>'])
    expect(tok('(How are you?) Fine.')).toEqual(['(', 'How', 'are', 'you', '?', ')', 'Fine', '.'])
  })
  it('splits double dashes', () => {
    expect(tok('a--b')).toEqual(['a', '--', 'b'])
  })
  it("uses Python's idea of whitespace (NEL splits, BOM does not)", () => {
    expect(tok('a\u0085b')).toEqual(['a', 'b'])
    expect(tok('a\ufeffb c')).toEqual(['a\ufeffb', 'c'])
  })
  it('treebankTokenize works on one sentence without Punkt', () => {
    expect(treebankTokenize('e.g. this.', 'nltk-3.5')).toEqual(['e.g.', 'this', '.'])
  })
})
