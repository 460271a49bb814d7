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
// - both texts are `word_tokenize(text.lower())` with nltk's English Punkt model;
// - BLEU = mean, std error = population std / sqrt(n).
// Where the official script would crash (unknown dialog, turn out of range, bad
// types) Podium reports an InputError instead. Stricter than the official script,
// on purpose: duplicated predictions for a turn (it would score both), duplicated
// gold dialog ids (it would keep the last), negative turn ids (Python would index
// from the end), and every prediction is validated even when single-round
// evaluation then ignores it.

import type { ExampleResult, ScoreOptions, ScoreResult } from '../../shared/scoring'
import { sentenceBleu } from './bleu'
import { InputError } from './input-error'
import type { PunktModel } from './nltk/punkt'
import { wordTokenize } from './nltk/word-tokenize'
import { mean, stdError } from './stats'

type DialogId = number | string

interface GoldDialog {
  id: DialogId
  /** system_transcript of each round, by position. */
  responses: string[]
}

interface Prediction {
  dialogId: DialogId
  turn: number
  response: string
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const isDialogId = (v: unknown): v is DialogId =>
  (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string'

/** Map key that keeps 1003 and "1003" apart, as Python's dict does. */
const idKey = (id: DialogId): string => `${typeof id}:${id}`

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : JSON.stringify(v)

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new InputError(file, '', `not valid JSON (${(err as Error).message})`)
  }
}

function parseGold(text: string, file: string): Map<string, GoldDialog> {
  const root = parseJson(text, file)
  if (!isObject(root)) {
    throw new InputError(file, '', `expected an object with "dialogue_data", got ${describe(root)}`)
  }
  const data = root.dialogue_data
  if (!Array.isArray(data)) throw new InputError(file, 'dialogue_data', 'expected a list of dialogs')
  const dialogs = new Map<string, GoldDialog>()
  data.forEach((entry: unknown, d) => {
    const at = `dialogue_data[${d}]`
    if (!isObject(entry)) throw new InputError(file, at, `expected an object, got ${describe(entry)}`)
    const id = entry.dialogue_idx
    if (!isDialogId(id)) {
      throw new InputError(file, `${at}.dialogue_idx`, `expected a dialog id (number or string), got ${describe(id)}`)
    }
    if (dialogs.has(idKey(id))) throw new InputError(file, `${at}.dialogue_idx`, `duplicate dialog id ${JSON.stringify(id)}`)
    const rounds = entry.dialogue
    if (!Array.isArray(rounds)) throw new InputError(file, `${at}.dialogue`, 'expected a list of rounds')
    const responses = rounds.map((round: unknown, r) => {
      const path = `${at}.dialogue[${r}]`
      if (!isObject(round)) throw new InputError(file, path, `expected an object, got ${describe(round)}`)
      const transcript = round.system_transcript
      if (typeof transcript !== 'string') {
        throw new InputError(file, `${path}.system_transcript`, `expected a string, got ${describe(transcript)}`)
      }
      return transcript
    })
    dialogs.set(idKey(id), { id, responses })
  })
  return dialogs
}

function parsePredictions(text: string, file: string, gold: Map<string, GoldDialog>, goldFile: string): Prediction[] {
  const root = parseJson(text, file)
  if (!Array.isArray(root)) {
    throw new InputError(file, '', `expected a list of dialogs (JSON array), got ${describe(root)}`)
  }
  const seen = new Map<string, string>()
  const predictions: Prediction[] = []
  root.forEach((entry: unknown, d) => {
    const at = `[${d}]`
    if (!isObject(entry)) throw new InputError(file, at, `expected an object, got ${describe(entry)}`)
    const id = entry.dialog_id
    if (id === undefined) throw new InputError(file, `${at}.dialog_id`, 'missing')
    if (!isDialogId(id)) {
      throw new InputError(file, `${at}.dialog_id`, `expected a dialog id (number or string), got ${describe(id)}`)
    }
    const dialog = gold.get(idKey(id))
    if (!dialog) throw new InputError(file, `${at}.dialog_id`, `unknown dialog id ${JSON.stringify(id)} (not in ${goldFile})`)
    const rounds = entry.predictions
    if (!Array.isArray(rounds)) throw new InputError(file, `${at}.predictions`, 'expected a list of turn predictions')
    rounds.forEach((round: unknown, r) => {
      const path = `${at}.predictions[${r}]`
      if (!isObject(round)) throw new InputError(file, path, `expected an object, got ${describe(round)}`)
      const turn = round.turn_id
      if (turn === undefined) throw new InputError(file, `${path}.turn_id`, 'missing')
      if (typeof turn !== 'number' || !Number.isInteger(turn)) {
        throw new InputError(file, `${path}.turn_id`, `expected an integer, got ${describe(turn)}`)
      }
      if (turn < 0 || turn >= dialog.responses.length) {
        throw new InputError(
          file,
          `${path}.turn_id`,
          `turn ${turn} out of range: dialog ${JSON.stringify(id)} has ${dialog.responses.length} rounds in ${goldFile}`
        )
      }
      const response = round.response
      if (response === undefined) throw new InputError(file, `${path}.response`, 'missing')
      if (typeof response !== 'string') throw new InputError(file, `${path}.response`, `expected a string, got ${describe(response)}`)
      const turnKey = `${idKey(id)}#${turn}`
      const first = seen.get(turnKey)
      if (first) {
        throw new InputError(file, `${path}.turn_id`, `duplicate prediction for dialog ${JSON.stringify(id)} turn ${turn} (first at ${first})`)
      }
      seen.set(turnKey, path)
      predictions.push({ dialogId: id, turn, response })
    })
  })
  return predictions
}

export function scoreGeneration(goldText: string, predText: string, opts: ScoreOptions, model: PunktModel): ScoreResult {
  const gold = parseGold(goldText, opts.goldName)
  const predictions = parsePredictions(predText, opts.predName, gold, opts.goldName)
  const isLastRound = (p: Prediction): boolean => p.turn === gold.get(idKey(p.dialogId))!.responses.length - 1
  const scored = opts.singleRound ? predictions.filter(isLastRound) : predictions

  let total = 0
  for (const dialog of gold.values()) total += opts.singleRound ? Math.min(1, dialog.responses.length) : dialog.responses.length

  if (scored.length === 0) {
    const why = opts.singleRound && predictions.length > 0 ? ' for the last round of any dialog (single-round evaluation)' : ''
    throw new InputError(opts.predName, '', `no predictions to score${why}`)
  }

  // The official normalize_sentence: lower-case, then nltk.word_tokenize.
  const tokens = (text: string): string[] => wordTokenize(text.toLowerCase(), model)
  const examples: ExampleResult[] = scored.map((p) => {
    const goldResponse = gold.get(idKey(p.dialogId))!.responses[p.turn]!
    return {
      dialogId: String(p.dialogId),
      turn: p.turn,
      gold: goldResponse,
      prediction: p.response,
      score: sentenceBleu([tokens(goldResponse)], tokens(p.response))
    }
  })
  const scores = examples.map((e) => e.score)

  return {
    task: 'simmc-st2-generation',
    n: scores.length,
    metrics: { bleu: mean(scores) },
    stderr: { bleu: stdError(scores) },
    coverage: { predicted: scores.length, total },
    examples
  }
}
