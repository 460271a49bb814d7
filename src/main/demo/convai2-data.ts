// Generates a ConvAI2-format gold set (JSON Lines) and team predictions of a chosen quality,
// in the formats of docs/convai2-formats.md. Synthetic sentences: meaning is not the point.
import { createRandom, type Random } from '../random'

const WORDS = (
  'i you we like love have work live play read cook dog cat music movie book city beach ' +
  'mountain coffee tea school job friend family weekend summer winter garden car bike ' +
  'really great nice fun busy tired happy today tomorrow yes no maybe sure what where how'
).split(' ')
export const CONVAI2_CANDIDATES = 20

interface GoldExample {
  id: string
  context: string[]
  reply: string
  candidates: string[]
  goldIndex: number
}

const sentence = (rng: Random, min: number, max: number): string =>
  `${Array.from({ length: rng.int(min, max) }, () => rng.pick(WORDS)).join(' ')}${rng.pick(['.', '?', '!'])}`

/** Tokens of a reply as the PPL file counts them: words and punctuation. */
export const replyTokens = (reply: string): string[] => reply.match(/[\w']+|[^\s\w]/g) ?? []

export function generateConvai2Gold(examples: number, seed: string): GoldExample[] {
  const rng = createRandom(`${seed}:convai2:gold`)
  return Array.from({ length: examples }, (_, i) => {
    const reply = sentence(rng, 4, 12)
    const goldIndex = rng.int(0, CONVAI2_CANDIDATES - 1)
    const candidates = Array.from({ length: CONVAI2_CANDIDATES }, (_, c) => (c === goldIndex ? reply : sentence(rng, 4, 12)))
    return { id: `valid-${i}`, context: [sentence(rng, 3, 9), sentence(rng, 3, 9)], reply, candidates, goldIndex }
  })
}

export function convai2GoldFile(gold: GoldExample[]): string {
  return gold
    .map((g) =>
      JSON.stringify({
        id: g.id,
        context: g.context,
        references: [g.reply],
        candidates: g.candidates,
        gold_index: g.goldIndex,
        reference_tokens: replyTokens(g.reply)
      })
    )
    .join('\n')
    .concat('\n')
}

/** One file per metric a team submits: response (F1), candidate scores (Hits@1), token log-probs (PPL). */
export function convai2PredictionFiles(
  gold: GoldExample[],
  options: { quality: number; seed: string; metrics: ReadonlyArray<'f1' | 'hits1' | 'ppl'> }
): Record<string, string> {
  const rng = createRandom(`${options.seed}:convai2:pred`)
  const q = options.quality
  const lines = (make: (g: GoldExample) => Record<string, unknown>): string =>
    gold
      .map((g) => JSON.stringify({ id: g.id, ...make(g) }))
      .join('\n')
      .concat('\n')
  const files: Record<string, string> = {}
  if (options.metrics.includes('f1')) {
    files['convai2-test-f1.jsonl'] = lines((g) => ({
      response: g.reply
        .split(' ')
        .map((w) => (rng.chance(q * 0.6) ? w : rng.pick(WORDS)))
        .join(' ')
    }))
  }
  if (options.metrics.includes('hits1')) {
    files['convai2-test-hits1.jsonl'] = lines((g) => ({
      candidate_scores: g.candidates.map((_, c) => Math.round((rng.normal() + (c === g.goldIndex ? 3 * q : 0)) * 1000) / 1000)
    }))
  }
  if (options.metrics.includes('ppl')) {
    // Better models give the true tokens more probability: mean log-prob from about -4.5 to -2.5.
    files['convai2-test-ppl.jsonl'] = lines((g) => ({
      token_logprobs: replyTokens(g.reply).map(() => Math.min(-0.01, -4.5 + 2 * q + rng.normal(0, 0.8)))
    }))
  }
  return files
}
