// Tokenizer and sentence-BLEU throughput on the tokenizer regression corpus, per
// tokenizer setting (nltk release): the generation scorer's inner loop.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'vitest'
import { TOKENIZER_SETTINGS } from '../src/shared/scoring'
import { sentenceBleu } from '../src/main/scoring/bleu'
import { loadPunktModel } from '../src/main/scoring/nltk/punkt-model'
import { wordTokenize } from '../src/main/scoring/nltk/word-tokenize'
import { markdownTable, writeSection } from './table'

const ROOT = join(__dirname, '..')
const ROUNDS = 5

/** Items per second of `run` over `count` items: the median of ROUNDS timed runs after a warm-up. */
function rate(count: number, run: () => void): number {
  run()
  const rates: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now()
    run()
    rates.push(count / ((performance.now() - start) / 1000))
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!
}

it('tokenizer', () => {
  const model = loadPunktModel(join(ROOT, 'resources', 'nltk-punkt-english'))
  const corpus = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'tokenizer-corpus', 'corpus.json'), 'utf8')) as {
    sentences: string[]
  }
  const sentences = corpus.sentences
  const rows = TOKENIZER_SETTINGS.map((setting) => {
    const tokens = sentences.map((s) => wordTokenize(s.toLowerCase(), model, setting))
    const pairs = tokens.map((t, i) => [t, tokens[(i * 13) % tokens.length]!] as const)
    const tokenize = rate(sentences.length, () => sentences.forEach((s) => wordTokenize(s.toLowerCase(), model, setting)))
    const bleu = rate(pairs.length, () => pairs.forEach(([gold, pred]) => sentenceBleu([gold], pred)))
    return [setting, Math.round(tokenize), Math.round(bleu)]
  })
  writeSection(
    '4-tokenizer',
    `## BLEU tokenization (${sentences.length} corpus sentences, median of ${ROUNDS} runs)

${markdownTable(['tokenizer', 'word_tokenize sentences/s', 'sentence BLEU pairs/s'], rows)}
`
  )
})
