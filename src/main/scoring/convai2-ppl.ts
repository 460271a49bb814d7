// ConvAI2 perplexity of the gold reply under the team's model.
//
// Official definition (ParlAI, projects/convai2/eval_ppl.py, PerplexityWorld): labels[0] is
// split with the official dictionary's tokenizer; tokens outside the official dictionary are
// skipped; for each remaining token the model gives the probability of the true token given
// the previous true tokens; loss += −log p; ppl = exp(Σ loss / Σ num_tokens) over the whole
// set (a per-token average, not a mean of per-example perplexities). A zero probability makes
// the official ppl infinite. Offline, the team runs its model and supplies the numbers:
// `token_logprobs` = natural-log probability of each scored token of references[0]. When the
// gold example lists `reference_tokens` (the official, in-dictionary tokens) the prediction
// must give exactly one log-probability per token, which keeps teams comparable. −Infinity
// (probability 0) is refused with an explanation rather than reported as an infinite ppl.
//
//   NLL_i = −Σ_j token_logprobs_ij,  T_i = number of tokens of example i
//   ppl   = exp(Σ_i NLL_i / Σ_i T_i)                                       (lower is better)
//
// Standard error (ours; the official script reports none), delta method with the examples as
// units: R = Σ NLL_i / Σ T_i is a ratio estimator; with residuals e_i = NLL_i − R·T_i and the
// population variance (ddof 0, like the other std errors),
//   SE(R) = sqrt(Σ e_i²) / Σ T_i,   SE(ppl) ≈ ppl · SE(R).
// Per example, `score` is that example's own perplexity exp(NLL_i / T_i), for error analysis.
// Examples whose id has no prediction are skipped and show in `coverage`.

import type { ExampleResult, ScoreOptions, ScoreResult } from '../../shared/scoring'
import { inGoldOrder, need, readGold, readPredictions } from './convai2-format'
import { InputError } from './input-error'

export interface PerplexityTotals {
  nll: number
  tokens: number
}

export interface Perplexity {
  ppl: number
  stderr: number
  nll: number
  tokens: number
}

/** Negative log-likelihood and token count of one example. */
export function exampleTotals(tokenLogprobs: readonly number[]): PerplexityTotals {
  let nll = 0
  for (const lp of tokenLogprobs) nll -= lp
  return { nll, tokens: tokenLogprobs.length }
}

/** Corpus perplexity and its delta-method std error (see the header). */
export function corpusPerplexity(examples: readonly PerplexityTotals[]): Perplexity {
  let nll = 0
  let tokens = 0
  for (const e of examples) {
    nll += e.nll
    tokens += e.tokens
  }
  if (tokens === 0) return { ppl: Number.NaN, stderr: Number.NaN, nll, tokens }
  const ratio = nll / tokens
  let sq = 0
  for (const e of examples) sq += (e.nll - ratio * e.tokens) ** 2
  const ppl = Math.exp(ratio)
  return { ppl, stderr: (ppl * Math.sqrt(sq)) / tokens, nll, tokens }
}

export function scoreConvai2Ppl(goldText: string, predText: string, opts: ScoreOptions): ScoreResult {
  const gold = readGold(goldText, opts.goldName)
  const predictions = readPredictions(predText, opts.predName, gold)
  need('convai2-ppl', gold, predictions, opts.predName)
  const totals: PerplexityTotals[] = []
  const examples: ExampleResult[] = []
  for (const p of inGoldOrder(predictions)) {
    const t = exampleTotals(p.tokenLogprobs!)
    totals.push(t)
    examples.push({
      dialogId: p.gold.dialogId,
      turn: p.gold.turn,
      gold: p.gold.references![0]!,
      prediction: `${t.tokens} tokens, NLL ${t.nll.toFixed(4)}`,
      score: Math.exp(t.nll / t.tokens),
      detail: { nll: t.nll, tokens: t.tokens }
    })
  }
  const result = corpusPerplexity(totals)
  if (!Number.isFinite(result.ppl) || !Number.isFinite(result.stderr)) {
    const what = Number.isFinite(result.ppl) ? 'its std error' : 'the perplexity'
    throw new InputError(
      opts.predName,
      '',
      `${what} overflows: exp(${result.nll} / ${result.tokens}) is beyond the largest number; token_logprobs must be natural-log probabilities of the reference tokens`
    )
  }
  return {
    task: 'convai2-ppl',
    n: totals.length,
    metrics: { ppl: result.ppl },
    stderr: { ppl: result.stderr },
    coverage: { predicted: totals.length, total: gold.examples.length },
    examples
  }
}
