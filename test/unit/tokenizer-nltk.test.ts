// Checks the tokenizer corpus and BLEU against a real nltk at test time: Debian's
// python3-nltk 3.8 at /usr/bin/python3 (test/fixtures/tokenizer-corpus/nltk_reference.py).
// In CI nltk must be there (`apt-get install -y python3-nltk`); elsewhere the
// nltk comparisons are skipped with a message, the BLEU-from-expectations ones still run.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOKENIZER_SETTINGS, type TokenizerSetting } from '../../src/shared/scoring'
import { sentenceBleu } from '../../src/main/scoring/bleu'
import { loadPunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { wordTokenize } from '../../src/main/scoring/nltk/word-tokenize'
import { scoreGeneration } from '../../src/main/scoring/simmc-st2-generation'

const PYTHON = '/usr/bin/python3'
const DIR = path.resolve(__dirname, '../fixtures/tokenizer-corpus')
const SCRIPT = path.join(DIR, 'nltk_reference.py')
const MODEL = loadPunktModel(path.resolve(__dirname, '../../resources/nltk-punkt-english'))

interface Corpus {
  sentences: string[]
  expected: Record<TokenizerSetting, string[][]>
  bleuPairs: Array<[number, number]>
}
const corpus = JSON.parse(readFileSync(path.join(DIR, 'corpus.json'), 'utf8')) as Corpus

function python(args: string[], input?: unknown): { ok: boolean; out: string; err: string } {
  if (!existsSync(PYTHON)) return { ok: false, out: '', err: `${PYTHON} not found` }
  const run = spawnSync(PYTHON, ['-B', SCRIPT, ...args], {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  return { ok: run.status === 0, out: run.stdout, err: run.stderr || String(run.error ?? '') }
}

const probe = python(['version'])
const nltkVersion = probe.ok ? (JSON.parse(probe.out) as string) : null
if (!nltkVersion) {
  const why = `real nltk unavailable (${probe.err.trim().split('\n').pop()}): install python3-nltk for ${PYTHON}`
  if (process.env.CI) throw new Error(`CI must run the nltk comparison: ${why}`)
  console.warn(`tokenizer-nltk.test.ts: skipping the comparisons with nltk: ${why}`)
}
const withNltk = nltkVersion ? describe : describe.skip

/** One gold dialog per pair, one round each; predictions in pair order. */
function generationFiles(): { gold: string; pred: string } {
  const dialogs = corpus.bleuPairs.map(([g], k) => ({ dialogue_idx: k, dialogue: [{ system_transcript: corpus.sentences[g] }] }))
  const predictions = corpus.bleuPairs.map(([, p], k) => ({ dialog_id: k, predictions: [{ turn_id: 0, response: corpus.sentences[p] }] }))
  return { gold: JSON.stringify({ dialogue_data: dialogs }), pred: JSON.stringify(predictions) }
}

function scorePairs(tokenizer: TokenizerSetting): number[] {
  const { gold, pred } = generationFiles()
  const result = scoreGeneration(gold, pred, { singleRound: false, goldName: 'gold.json', predName: 'pred.json', tokenizer }, MODEL)
  expect(result.params).toEqual({ tokenizer })
  return result.examples.map((e) => e.score)
}

describe('BLEU per example on corpus responses, per tokenizer version', () => {
  it('pairs are lower case (the scorer lower-cases) and there are enough of them', () => {
    expect(corpus.bleuPairs.length).toBeGreaterThanOrEqual(30)
    for (const [g] of corpus.bleuPairs) expect(corpus.sentences[g]).toBe(corpus.sentences[g]!.toLowerCase())
  })

  for (const version of TOKENIZER_SETTINGS) {
    it(`${version}: the scorer's BLEU equals BLEU of the expected tokens, example by example`, () => {
      const fromExpected = corpus.bleuPairs.map(([g, p]) => sentenceBleu([corpus.expected[version][g]!], corpus.expected[version][p]!))
      expect(scorePairs(version)).toEqual(fromExpected)
    })
  }

  it('BLEU differs between versions on some examples (the setting matters)', () => {
    const [v35, v38, v39] = TOKENIZER_SETTINGS.map(scorePairs)
    expect(v35!.filter((s, i) => s !== v38![i]).length).toBeGreaterThan(0)
    expect(v39!.filter((s, i) => s !== v38![i]).length).toBeGreaterThan(0)
  })
})

withNltk('real nltk 3.8 (Debian python3-nltk)', () => {
  it('is nltk 3.8.x, the release the nltk-3.8 expectations were written with', () => {
    expect(nltkVersion).toMatch(/^3\.8(\.|$)/)
  })

  it('word_tokenize of every corpus sentence equals the nltk-3.8 expectations', () => {
    const run = python(['tokenize', 'nltk-3.8'], corpus.sentences)
    expect(run.err).toBe('')
    const tokens = JSON.parse(run.out) as string[][]
    const mismatches = corpus.sentences.flatMap((sentence, i) =>
      JSON.stringify(tokens[i]) === JSON.stringify(corpus.expected['nltk-3.8'][i]) ? [] : [{ i, sentence, nltk: tokens[i] }]
    )
    expect(mismatches.slice(0, 5)).toEqual([])
    expect(tokens).toHaveLength(corpus.sentences.length)
  })

  it("sentence_bleu per example is identical to the scorer's with the nltk-3.8 setting", () => {
    const run = python(
      ['bleu'],
      corpus.bleuPairs.map(([g, p]) => [corpus.sentences[g], corpus.sentences[p]])
    )
    expect(run.err).toBe('')
    const nltk = (JSON.parse(run.out) as string[]).map(Number)
    const ours = scorePairs('nltk-3.8')
    ours.forEach((score, i) => expect(Object.is(score, nltk[i]), `pair ${i}: ${score} vs nltk ${nltk[i]}`).toBe(true))
  })

  it('sentence_bleu is identical on a generation-shaped pair for every corpus sentence', () => {
    // Each sentence against a word-dropped, rotated or unrelated variant of it.
    const pairs = corpus.sentences.map((gold, k) => {
      const words = gold.split(' ')
      const d = (k * 7) % words.length
      const variants = [
        corpus.sentences[(k * 13) % corpus.sentences.length]!,
        [...words.slice(0, d), ...words.slice(d + 1)].join(' '),
        [...words.slice(d), ...words.slice(0, d)].join(' ')
      ]
      return [gold, variants[k % 3]!]
    })
    const run = python(['bleu'], pairs)
    expect(run.err).toBe('')
    const nltk = (JSON.parse(run.out) as string[]).map(Number)
    const tokens = (text: string): string[] => wordTokenize(text.toLowerCase(), MODEL, 'nltk-3.8')
    const differing = pairs.flatMap(([gold, pred], i) => {
      const ours = sentenceBleu([tokens(gold!)], tokens(pred!))
      return Object.is(ours, nltk[i]) ? [] : [{ i, gold, pred, ours, nltk: nltk[i] }]
    })
    expect(differing).toEqual([])
  })
})
