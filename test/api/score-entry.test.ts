// `npx podium score` runs its own small entry (out/main/score.js, no database or server code):
// for every kind of run it must print, byte for byte, what the full CLI (out/main/cli.js) prints.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNode, type NodeRun } from '../helpers/run-node'
import { CLI, ROOT } from '../helpers/serve'

const CASES = join(ROOT, '..', 'shared', 'parity', 'cases')
const BIN = join(ROOT, 'bin', 'podium.js')
const SCORE_ENTRY = join(ROOT, 'out', 'main', 'score.js')

const run = (entry: string, args: string[]): Promise<NodeRun> => runNode(entry, args)

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podium-score-entry-'))
  writeFileSync(join(dir, 'broken.json'), '[{"dialog_id": 1,')
  writeFileSync(join(dir, 'no-logprob.json'), JSON.stringify([{ dialog_id: 'x', predictions: [{ turn_id: 0, action: 'None' }] }]))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fashion = (file: string): string => join(CASES, 'fashion', file)
const furniture = (file: string): string => join(CASES, 'furniture', file)
const RUNS: Array<[string, () => string[]]> = [
  ['st1 json', () => ['--task', 'simmc-st1', '--gold', fashion('gold_api_calls.json'), '--pred', fashion('mid/subtask-1.json'), '--json']],
  [
    'st1 table single-round',
    () => ['--task', 'simmc-st1', '--gold', furniture('gold_api_calls.json'), '--pred', furniture('weak/subtask-1.json'), '--single-round']
  ],
  [
    'generation table',
    () => ['--task', 'simmc-st2-generation', '--gold', fashion('gold_dials.json'), '--pred', fashion('strong/subtask-2-generation.json')]
  ],
  [
    'generation nltk-3.9 json',
    () => [
      '--task',
      'simmc-st2-generation',
      '--gold',
      fashion('gold_dials.json'),
      '--pred',
      fashion('weak/subtask-2-generation.json'),
      '--tokenizer',
      'nltk-3.9',
      '--json'
    ]
  ],
  [
    'retrieval json',
    () => [
      '--task',
      'simmc-st2-retrieval',
      '--gold',
      furniture('gold_retrieval_candidates.json'),
      '--pred',
      furniture('mid/subtask-2-retrieval.json'),
      '--json'
    ]
  ],
  ['dst table', () => ['--task', 'simmc-st3', '--gold', fashion('gold_dst.txt'), '--pred', fashion('strong/subtask-3.txt')]],
  ['missing file', () => ['--task', 'simmc-st1', '--gold', fashion('gold_api_calls.json'), '--pred', join(dir, 'nope.json'), '--json']],
  ['broken JSON', () => ['--task', 'simmc-st1', '--gold', fashion('gold_api_calls.json'), '--pred', join(dir, 'broken.json')]],
  ['JSON path error', () => ['--task', 'simmc-st1', '--gold', fashion('gold_api_calls.json'), '--pred', join(dir, 'no-logprob.json')]],
  ['unknown task', () => ['--task', 'simmc-st9', '--gold', 'a', '--pred', 'b']],
  ['missing option', () => ['--task', 'simmc-st1', '--pred', 'b']],
  ['unknown option', () => ['--bogus']],
  ['unknown tokenizer', () => ['--task', 'simmc-st2-generation', '--gold', 'a', '--pred', 'b', '--tokenizer', 'nltk-2']]
]

describe('podium score: the score entry prints what the full CLI prints', () => {
  it.each(RUNS)('%s', async (_name, args) => {
    const full = await run(CLI, ['score', ...args()])
    const viaBin = await run(BIN, ['score', ...args()])
    const direct = await run(SCORE_ENTRY, ['score', ...args()])
    expect(viaBin).toEqual(full)
    expect(direct).toEqual(full)
  })

  it('the full CLI really ran (exit codes 0 and 2 both occur)', async () => {
    expect((await run(CLI, ['score', ...RUNS[0]![1]()])).code).toBe(0)
    expect((await run(CLI, ['score', ...RUNS[6]![1]()])).code).toBe(2)
  })
})
