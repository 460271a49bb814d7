// Fuzz: real-shaped gold and prediction files (the demo generators write the official formats),
// mutated with a fixed seed (truncation, deep nesting, prototype keys, wrong types, invalid
// UTF-8, empty files, dropped and duplicated entries), scored through the same file reader as
// `podium score`. Every case must end as a clean refusal (an InputError, one line, naming a
// file) or as numbers (every metric and std error finite). Anything else is a failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ScoreTask } from '../../src/shared/scoring'
import { convai2GoldFile, convai2PredictionFiles, generateConvai2Gold } from '../../src/main/demo/convai2-data'
import { generateGold, goldFiles, predictionFiles } from '../../src/main/demo/simmc-data'
import { parseBeliefLine, splitLines } from '../../src/main/scoring/dst-format'
import { InputError } from '../../src/main/scoring/input-error'
import { scoreFiles } from '../../src/main/scoring/score-files'

const SEED = 20200927
const CASES = 1200

/** mulberry32: a small seeded generator, so every run mutates the same way. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! }
}
type Rng = ReturnType<typeof rng>

interface Corpus {
  task: ScoreTask
  gold: string
  pred: string
}

function corpora(): Corpus[] {
  const out: Corpus[] = []
  for (const domain of ['fashion', 'furniture'] as const) {
    const gold = generateGold(domain, { dialogs: 4, seed: `fuzz-${domain}` })
    const g = goldFiles(gold)
    const p = predictionFiles(gold, { quality: 0.6, seed: 'fuzz' })
    const pick = (files: Record<string, string>, suffix: string) => Object.entries(files).find(([name]) => name.endsWith(suffix))![1]
    // Dialog-level JSON DST, one dialog per target line, from the same belief states.
    const dstJson = (text: string) =>
      JSON.stringify({
        dialogue_data: splitLines(text).map((line, i) => ({
          dialogue_idx: i,
          dialogue: [{ belief_state: parseBeliefLine(line).frames.map((f) => ({ act: f.act, slots: f.slots.map((x) => x.split('=')) })) }]
        }))
      })
    out.push(
      { task: 'simmc-st3', gold: dstJson(pick(g, '_dst_target.txt')), pred: dstJson(pick(p, 'subtask-3.txt')) },
      { task: 'simmc-st1', gold: pick(g, '_dials_api_calls.json'), pred: pick(p, 'subtask-1.json') },
      { task: 'simmc-st2-generation', gold: pick(g, '_dials.json'), pred: pick(p, 'subtask-2-generation.json') },
      { task: 'simmc-st2-retrieval', gold: pick(g, '_retrieval_candidates.json'), pred: pick(p, 'subtask-2-retrieval.json') },
      { task: 'simmc-st3', gold: pick(g, '_dst_target.txt'), pred: pick(p, 'subtask-3.txt') }
    )
  }
  const cGold = generateConvai2Gold(6, 'fuzz')
  const cPred = convai2PredictionFiles(cGold, { quality: 0.6, seed: 'fuzz', metrics: ['f1', 'hits1', 'ppl'] })
  const goldText = convai2GoldFile(cGold)
  out.push(
    { task: 'convai2-f1', gold: goldText, pred: cPred['convai2-test-f1.jsonl']! },
    { task: 'convai2-hits1', gold: goldText, pred: cPred['convai2-test-hits1.jsonl']! },
    { task: 'convai2-ppl', gold: goldText, pred: cPred['convai2-test-ppl.jsonl']! }
  )
  return out
}

// Values spliced into JSON documents. Placeholders stand for text JSON.stringify cannot write.
const DEEP = '\u0000DEEP\u0000'
const NAN = '\u0000NAN\u0000'
const INF = '\u0000INF\u0000'
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']
const VALUES: unknown[] = [
  DEEP,
  NAN,
  INF,
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  0.5,
  '',
  'constructor',
  '__proto__',
  'x'.repeat(5000),
  [],
  {},
  [DEEP],
  { __proto__: null, constructor: { x: 1 }, toString: [] },
  [[[[['deep']]]]]
]

const render = (doc: unknown): string =>
  JSON.stringify(doc)
    .replaceAll(JSON.stringify(DEEP), `${'['.repeat(5000)}1${']'.repeat(5000)}`)
    .replaceAll(JSON.stringify(NAN), 'NaN')
    .replaceAll(JSON.stringify(INF), '-Infinity')

/** Fields the scorers compare, print or index with: mutations aim there half of the time. */
const HOT = new Set(['attributes', 'action_supervision', 'args', 'action_log_prob', 'slots', 'belief_state', 'scores', 'token_logprobs'])

/** Every container in a JSON document, and whether it sits under a HOT field. */
function containers(doc: unknown): Array<{ node: Record<string, unknown> | unknown[]; hot: boolean }> {
  const out: Array<{ node: Record<string, unknown> | unknown[]; hot: boolean }> = []
  const stack: Array<[unknown, boolean]> = [[doc, false]]
  while (stack.length > 0) {
    const [x, hot] = stack.pop()!
    if (typeof x === 'object' && x !== null) {
      out.push({ node: x as Record<string, unknown>, hot })
      for (const [k, v] of Object.entries(x)) stack.push([v, hot || HOT.has(k)])
    }
  }
  return out
}

function mutateJson(text: string, r: Rng): string | null {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return null
  }
  const all = containers(doc)
  const hot = all.filter((c) => c.hot)
  const aimed = hot.length > 0 && r.next() < 0.5
  const target = r.pick(aimed ? hot : all).node
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target)
  if (keys.length === 0) return render(doc)
  const key = r.pick(keys as Array<string | number>)
  const slots = target as Record<string | number, unknown>
  switch (r.int(4)) {
    case 0: // replace a value (aimed: deep nesting a third of the time)
      slots[key] = aimed && r.next() < 0.35 ? [DEEP] : r.pick(VALUES)
      break
    case 1: // delete a key or an element
      if (Array.isArray(target)) target.splice(key as number, 1)
      else delete slots[key]
      break
    case 2: // duplicate an element, or rename a key to an Object.prototype name
      if (Array.isArray(target)) target.splice(key as number, 0, structuredClone(target[key as number]))
      else {
        Object.defineProperty(target, r.pick(PROTO_KEYS), { value: slots[key], enumerable: true, writable: true, configurable: true })
        delete slots[key]
      }
      break
    default: // an empty container or a string id where a number was
      slots[key] = typeof slots[key] === 'number' ? String(slots[key]) : Array.isArray(slots[key]) ? [] : {}
  }
  return render(doc)
}

function mutateLines(text: string, r: Rng): string {
  const lines = text.split('\n')
  const i = r.int(lines.length)
  switch (r.int(5)) {
    case 0:
      lines.splice(i, 1)
      break
    case 1:
      lines.splice(i, 0, lines[i] ?? '')
      break
    case 2:
      lines[i] = r.pick(['garbage', '=> Belief State : <EOB>', '{"dialogue_data": []}', 'A [ = ] <EOB>', `${'['.repeat(5000)}`])
      break
    case 3:
      lines[i] = (lines[i] ?? '').replace(/\[[^\]]*\]/, `[ ${r.pick(PROTO_KEYS)} = ${r.pick(PROTO_KEYS)} ]`)
      break
    default:
      return lines.join('\r\n')
  }
  return lines.join('\n')
}

/** One mutation of a file's bytes. */
function mutate(text: string, r: Rng, other: string): { name: string; bytes: Buffer } {
  const kind = r.pick(['truncate', 'json', 'json', 'json', 'lines', 'utf8', 'whole', 'swap', 'bom'])
  switch (kind) {
    case 'truncate':
      return { name: kind, bytes: Buffer.from(text).subarray(0, r.int(Buffer.byteLength(text))) }
    case 'json': {
      const m = mutateJson(text, r)
      return m === null ? { name: 'lines', bytes: Buffer.from(mutateLines(text, r)) } : { name: kind, bytes: Buffer.from(m) }
    }
    case 'lines':
      return { name: kind, bytes: Buffer.from(mutateLines(text, r)) }
    case 'utf8': {
      const b = Buffer.from(text)
      const at = r.int(b.length + 1)
      const bad = Buffer.from(r.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]))
      return { name: kind, bytes: Buffer.concat([b.subarray(0, at), bad, b.subarray(at)]) }
    }
    case 'whole':
      return { name: kind, bytes: Buffer.from(r.pick(['', ' \n', '[]', '{}', 'null', '[[]]', '{"dialogue_data": []}', '\n\n'])) }
    case 'swap':
      return { name: kind, bytes: Buffer.from(other) }
    default:
      return { name: kind, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mutateLines(text, r))]) }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'podium-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scoring fuzz (fixed seed)', () => {
  it(`${CASES} mutated gold/prediction files: each is a clean refusal or finite numbers`, () => {
    const r = rng(SEED)
    const all = corpora()
    const failures: string[] = []
    const outcomes = { refused: 0, scored: 0, goldMutated: 0 }
    for (let i = 0; i < CASES; i++) {
      const c = all[i % all.length]!
      const mutateGold = r.next() < 0.25
      const m = mutate(mutateGold ? c.gold : c.pred, r, mutateGold ? c.pred : c.gold)
      const goldPath = join(dir, `gold-${i % all.length}`)
      const predPath = join(dir, `pred-${i % all.length}`)
      writeFileSync(goldPath, mutateGold ? m.bytes : c.gold)
      writeFileSync(predPath, mutateGold ? c.pred : m.bytes)
      if (mutateGold) outcomes.goldMutated++
      const label = `case ${i} ${c.task} ${mutateGold ? 'gold' : 'pred'} ${m.name}`
      try {
        const result = scoreFiles({ task: c.task, goldPath, predPath, singleRound: r.next() < 0.5 })
        const values = [...Object.values(result.metrics), ...Object.values(result.stderr)]
        if (values.length === 0 || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
          failures.push(`${label}: not finite numbers ${JSON.stringify(result.metrics)} ${JSON.stringify(result.stderr)}`)
        }
        outcomes.scored++
      } catch (error) {
        if (!(error instanceof InputError)) failures.push(`${label}: ${String(error).slice(0, 200)}`)
        else if (error.message.includes('\n') || ![basename(goldPath), basename(predPath), goldPath, predPath].includes(error.file)) {
          failures.push(`${label}: refusal not one line naming a file: ${error.message.slice(0, 200)}`)
        } else outcomes.refused++
      }
    }
    expect(failures).toEqual([])
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(outcomes.refused).toBeGreaterThan(CASES / 4)
    expect(outcomes.scored).toBeGreaterThan(CASES / 10)
    expect(outcomes.goldMutated).toBeGreaterThan(CASES / 10)
  })
})
