// SIMMC subtask 2, response generation: mean sentence BLEU-4 as the official
// `mm_action_prediction/tools/response_evaluation.py` computes it.
//
// Official behaviour reproduced:
// - gold responses are `dialogue_data[].dialogue[round].system_transcript`, the
//   dialog found by `dialogue_idx` and the round by *position* (turn_id indexes
//   the `dialogue` list; `turn_idx` is not read);
// - predictions are scored in file order; gold turns without a prediction are
//   skipped (only coverage reports them), so complete files give the official numbers;
// - single-round evaluation keeps only predictions for the last round of each dialog;
// - both texts are `word_tokenize(text.lower())` with nltk's English Punkt model and
//   the word rules of the nltk release chosen by `opts.tokenizer` (default nltk 3.5,
//   what DSTC9 ran), recorded in the result's params;
// - BLEU = mean, std error = population std / sqrt(n).
// Where the official script would crash (unknown dialog, turn out of range, bad
// types) Podium reports an InputError instead. A turn predicted twice is scored twice,
// as the official script does, with a warning. Stricter than the official script,
// on purpose: duplicated gold dialog ids (it would keep the last), negative turn ids
// (Python would index from the end), and every prediction is validated even when
// single-round evaluation then ignores it.

import { DEFAULT_TOKENIZER, type ExampleResult, type ScoreOptions, type ScoreResult } from '../../shared/scoring'
import { sentenceBleu } from './bleu'
import { arrayField, asObject, Loc, parseJson, stringField } from './json-input'
import { distinctTurns, duplicateWarning, keepScored, readGoldDialogs, readPredictedTurns } from './simmc-dialogs'
import type { PunktModel } from './nltk/punkt'
import { wordTokenize } from './nltk/word-tokenize'
import { mean, stdError } from './stats'

interface GoldDialog {
  id: number | string
  /** system_transcript of each round, by position. */
  rounds: string[]
}

function parseGold(text: string, file: string): Map<string, GoldDialog> {
  const root = new Loc(file)
  const data = arrayField(asObject(parseJson(text, file), root), 'dialogue_data', root)
  return readGoldDialogs(data, root.at('dialogue_data'), 'dialogue_idx', 'dialogue', (round, loc) =>
    stringField(round, 'system_transcript', loc)
  )
}

function parsePredictions(text: string, file: string, gold: Map<string, GoldDialog>, goldFile: string) {
  return readPredictedTurns(text, file, gold, goldFile, 'predictions', (round, loc) => ({
    response: stringField(round, 'response', loc)
  }))
}

export function scoreGeneration(goldText: string, predText: string, opts: ScoreOptions, model: PunktModel): ScoreResult {
  const gold = parseGold(goldText, opts.goldName)
  const predictions = parsePredictions(predText, opts.predName, gold, opts.goldName)
  // In file order, every prediction given (a duplicate is scored twice, as the official script does).
  const scored = keepScored(predictions, opts.singleRound, opts.predName)

  let total = 0
  for (const dialog of gold.values()) total += opts.singleRound ? Math.min(1, dialog.rounds.length) : dialog.rounds.length

  // The official normalize_sentence: lower-case, then nltk.word_tokenize.
  const tokenizer = opts.tokenizer ?? DEFAULT_TOKENIZER
  const tokens = (text: string): string[] => wordTokenize(text.toLowerCase(), model, tokenizer)
  const examples: ExampleResult[] = scored.map((p) => {
    const goldResponse = p.dialog.rounds[p.turn]!
    return {
      dialogId: String(p.dialog.id),
      turn: p.turn,
      gold: goldResponse,
      prediction: p.response,
      score: sentenceBleu([tokens(goldResponse)], tokens(p.response))
    }
  })
  const scores = examples.map((e) => e.score)
  const duplicates = duplicateWarning(scored)

  return {
    task: 'simmc-st2-generation',
    n: scores.length,
    metrics: { bleu: mean(scores) },
    stderr: { bleu: stdError(scores) },
    coverage: { predicted: distinctTurns(scored), total },
    examples,
    params: { tokenizer },
    ...(duplicates ? { warnings: [duplicates] } : {})
  }
}
