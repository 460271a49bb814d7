// Types shared by the scorers (main process), the worker pool and the renderer.

export const SIMMC_TASKS = ['simmc-st1', 'simmc-st2-generation', 'simmc-st2-retrieval', 'simmc-st3'] as const
export type SimmcTask = (typeof SIMMC_TASKS)[number]

/** ConvAI2 automatic metrics, one task per metric (see docs/convai2-formats.md). */
export const CONVAI2_TASKS = ['convai2-f1', 'convai2-hits1', 'convai2-ppl'] as const
export type Convai2Task = (typeof CONVAI2_TASKS)[number]

export type ScoreTask = SimmcTask | Convai2Task

export interface ScoreOptions {
  /** Keep only the last round of each dialog (official `--single_round_evaluation`). */
  singleRound: boolean
  /** File names used in validation messages; the scorers never open files themselves. */
  goldName: string
  predName: string
}

/** One scored example, kept for error analysis. */
export interface ExampleResult {
  dialogId: string
  turn: number
  gold: string
  prediction: string
  /** The per-example value the metric averages (accuracy 0/1, sentence BLEU, reciprocal rank, ...). */
  score: number
  /** Task-specific detail: gold rank, gold action, attribute accuracy, DST counts... */
  detail?: Record<string, string | number | boolean | null>
}

export interface ConfusionMatrix {
  labels: string[]
  /** counts[goldIndex][predIndex] */
  counts: number[][]
}

export interface ScoreResult {
  task: ScoreTask
  /** Number of examples the metrics average over. */
  n: number
  metrics: Record<string, number>
  stderr: Record<string, number>
  /** How many gold examples had a prediction. */
  coverage: { predicted: number; total: number }
  examples: ExampleResult[]
  confusion?: ConfusionMatrix
}

/** A problem with an input file: names the file, the JSON path (or line) and what is wrong. */
export interface InputProblem {
  file: string
  path: string
  message: string
}
