// Task id → pure scorer. The only place that knows every scorer.
import type { ScoreOptions, ScoreResult, ScoreTask } from '../../shared/scoring'
import type { PunktModel } from './nltk/punkt'
import { InputError } from './input-error'
import { scoreConvai2F1 } from './convai2-f1'
import { scoreConvai2Hits1 } from './convai2-hits1'
import { scoreConvai2Ppl } from './convai2-ppl'
import { scoreApiPrediction } from './simmc-st1'
import { scoreGeneration } from './simmc-st2-generation'
import { scoreRetrieval } from './simmc-st2-retrieval'
import { scoreDst } from './simmc-st3'

/** What a scorer may need besides its two files; loaded once per process or worker. */
export interface ScoringResources {
  punkt(): PunktModel
}

type Scorer = (gold: string, pred: string, options: ScoreOptions, resources: ScoringResources) => ScoreResult

const SCORERS: Record<ScoreTask, Scorer> = {
  'simmc-st1': (gold, pred, options) => scoreApiPrediction(gold, pred, options),
  'simmc-st2-generation': (gold, pred, options, resources) => scoreGeneration(gold, pred, options, resources.punkt()),
  'simmc-st2-retrieval': (gold, pred, options) => scoreRetrieval(gold, pred, options),
  'simmc-st3': (gold, pred, options) => scoreDst(gold, pred, options),
  'convai2-f1': (gold, pred, options) => scoreConvai2F1(gold, pred, options),
  'convai2-hits1': (gold, pred, options) => scoreConvai2Hits1(gold, pred, options),
  'convai2-ppl': (gold, pred, options) => scoreConvai2Ppl(gold, pred, options)
}

export const SCORE_TASKS = Object.keys(SCORERS) as ScoreTask[]

export const isScoreTask = (task: string): task is ScoreTask => Object.hasOwn(SCORERS, task)

export function scoreText(task: ScoreTask, gold: string, pred: string, options: ScoreOptions, resources: ScoringResources): ScoreResult {
  const result = SCORERS[task](gold, pred, options, resources)
  // Every reported value is a number: JSON would print NaN or Infinity as null. The scorers
  // leave out what the official scripts print as nan/inf (with a note); this is the backstop.
  for (const [kind, values] of [
    ['metric', result.metrics],
    ['std error of', result.stderr]
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (!Number.isFinite(value)) throw new InputError(options.predName, '', `${kind} ${name} is ${value}, not a number Podium can report`)
    }
  }
  return result
}
