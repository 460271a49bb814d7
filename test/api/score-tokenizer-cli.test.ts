// `podium score --task simmc-st2-generation --tokenizer …` on corpus responses whose BLEU
// depends on the nltk release: the CLI (built) gives the scorer's numbers for each setting.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import { TOKENIZER_SETTINGS, type TokenizerSetting } from '../../src/shared/scoring'
import { generateGold, goldFiles } from '../../src/main/demo/simmc-data'
import { loadPunktModel } from '../../src/main/scoring/nltk/punkt-model'
import { scoreGeneration } from '../../src/main/scoring/simmc-st2-generation'
import { CLI, ROOT } from '../helpers/serve'

const run = promisify(execFile)
const corpus = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/tokenizer-corpus/corpus.json'), 'utf8')) as {
  sentences: string[]
  bleuPairs: Array<[number, number]>
}
const MODEL = loadPunktModel(join(ROOT, 'resources', 'nltk-punkt-english'))

let dir: string
let gold: string
let pred: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-score-tokenizer-'))
  gold = join(dir, 'gold.json')
  pred = join(dir, 'pred.json')
  const dialogs = corpus.bleuPairs.map(([g], k) => ({ dialogue_idx: k, dialogue: [{ system_transcript: corpus.sentences[g] }] }))
  const predictions = corpus.bleuPairs.map(([, p], k) => ({ dialog_id: k, predictions: [{ turn_id: 0, response: corpus.sentences[p] }] }))
  writeFileSync(gold, JSON.stringify({ dialogue_data: dialogs }))
  writeFileSync(pred, JSON.stringify(predictions))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const score = (extra: string[]) => run('node', [CLI, 'score', '--task', 'simmc-st2-generation', '--gold', gold, '--pred', pred, ...extra])
const expected = (tokenizer: TokenizerSetting) =>
  scoreGeneration(
    readFileSync(gold, 'utf8'),
    readFileSync(pred, 'utf8'),
    { singleRound: false, goldName: 'g', predName: 'p', tokenizer },
    MODEL
  )

describe('podium score --tokenizer', () => {
  it('defaults to nltk-3.5 and says so', async () => {
    const { stdout } = await score([])
    expect(stdout).toContain('BLEU tokenized as nltk 3.5')
    const json = JSON.parse((await score(['--json'])).stdout) as { metrics: { bleu: number } }
    expect(json.metrics.bleu).toBe(expected('nltk-3.5').metrics.bleu)
  })

  it('gives each setting its own BLEU, equal to the scorer', async () => {
    const bleu: number[] = []
    for (const tokenizer of TOKENIZER_SETTINGS) {
      const json = JSON.parse((await score(['--tokenizer', tokenizer, '--json'])).stdout) as { metrics: { bleu: number } }
      expect(json.metrics.bleu).toBe(expected(tokenizer).metrics.bleu)
      bleu.push(json.metrics.bleu)
    }
    expect(new Set(bleu).size).toBe(3)
  })

  it('refuses an unknown tokenizer with exit 2, naming the choices', async () => {
    const failed = await score(['--tokenizer', 'nltk-3.6']).catch((e: { code: number; stderr: string }) => e)
    expect(failed).toMatchObject({ code: 2 })
    expect((failed as { stderr: string }).stderr).toContain('unknown --tokenizer "nltk-3.6" (one of nltk-3.5, nltk-3.8, nltk-3.9)')
  })
})

describe('podium challenge create/update --tokenizer', () => {
  it('stores the setting given at creation and changes it on update', async () => {
    const goldDir = join(dir, 'simmc-gold')
    for (const domain of ['fashion', 'furniture'] as const) {
      mkdirSync(join(goldDir, domain), { recursive: true })
      for (const [name, text] of Object.entries(goldFiles(generateGold(domain, { dialogs: 3, seed: 'cli' })))) {
        writeFileSync(join(goldDir, domain, name), text)
      }
    }
    const data = join(dir, 'data')
    const common = ['--data', data, '--json']
    const created = JSON.parse(
      (
        await run('node', [
          CLI,
          'challenge',
          'create',
          ...['--name', 'SIMMC', '--slug', 'simmc', '--deadline', '2020-09-27T23:59:59-12:00', '--tag', 'dstc9-simmc-entry'],
          ...['--gold-dir', goldDir, '--tokenizer', 'nltk-3.8', ...common]
        ])
      ).stdout
    ) as Challenge
    expect(created.config.tokenizer).toBe('nltk-3.8')
    const updated = JSON.parse(
      (await run('node', [CLI, 'challenge', 'update', '--challenge', String(created.id), '--tokenizer', 'nltk-3.9', ...common])).stdout
    ) as Challenge
    expect(updated.config.tokenizer).toBe('nltk-3.9')
    const refused = await run('node', [
      CLI,
      'challenge',
      'update',
      '--challenge',
      String(created.id),
      '--tokenizer',
      'spacy',
      ...common
    ]).catch((e: { code: number; stderr: string }) => e)
    expect((refused as { stderr: string }).stderr).toContain('tokenizer must be one of nltk-3.5, nltk-3.8, nltk-3.9')
    expect(refused).not.toHaveProperty('code', 0)
  })
})
