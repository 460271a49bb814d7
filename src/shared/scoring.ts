// Types shared by the scorers (main process), the worker pool and the renderer.

export const SIMMC_TASKS = ['simmc-st1', 'simmc-st2-generation', 'simmc-st2-retrieval', 'simmc-st3'] as const
export type SimmcTask = (typeof SIMMC_TASKS)[number]

/** ConvAI2 automatic metrics, one task per metric (see docs/convai2-formats.md). */
export const CONVAI2_TASKS = ['convai2-f1', 'convai2-hits1', 'convai2-ppl'] as const
export type Convai2Task = (typeof CONVAI2_TASKS)[number]

export type ScoreTask = SimmcTask | Convai2Task

/**
 * The nltk release whose word_tokenize the BLEU of generated responses reproduces.
 * The word rules changed between releases (see src/main/scoring/nltk/treebank.ts).
 */
export const TOKENIZER_SETTINGS = ['nltk-3.5', 'nltk-3.8', 'nltk-3.9'] as const
export type TokenizerSetting = (typeof TOKENIZER_SETTINGS)[number]
/** SIMMC's default: DSTC9 ran in 2020, with nltk 3.5. */
export const DEFAULT_TOKENIZER: TokenizerSetting = 'nltk-3.5'

export const isTokenizerSetting = (value: unknown): value is TokenizerSetting =>
  typeof value === 'string' && (TOKENIZER_SETTINGS as readonly string[]).includes(value)

/** "nltk-3.5" -> "nltk 3.5", for labels ("BLEU tokenized as nltk 3.5"). */
export const tokenizerLabel = (setting: TokenizerSetting): string => setting.replace('-', ' ')

export interface ScoreOptions {
  /** Keep only the last round of each dialog (official `--single_round_evaluation`). */
  singleRound: boolean
  /** File names used in validation messages; the scorers never open files themselves. */
  goldName: string
  predName: string
  /** Word tokenization of the generation scorer (default DEFAULT_TOKENIZER); other scorers ignore it. */
  tokenizer?: TokenizerSetting
  /**
   * Subtask 3, line format only: the text of the dialog-level gold ({domain}_teststd_dials.json).
   * Names each line's dialog and turn for error analysis; the numbers never depend on it.
   * Without it (or when its turn counts do not add up to the lines) examples are named `line N`.
   */
  dialogs?: string
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
  /** Settings the numbers depend on, recorded with the evaluation (e.g. { tokenizer: 'nltk-3.5' }). */
  params?: Record<string, string>
  /**
   * What the organizer should know about how the numbers were obtained (stored with the
   * evaluation, shown on the Submissions page and in reports): duplicates counted as the
   * official script counts them, dialogs matched by position, places the official script
   * would crash. Absent or empty when there is nothing to say.
   */
  warnings?: ScoreWarning[]
}

/**
 * - duplicate-predictions: a turn predicted more than once, each copy scored (official semantics);
 * - matched-by-position: predictions without dialog ids matched to gold dialogs by position;
 * - official-script-fails: the official script would crash on this file; Podium scored it and says how;
 * - not-reported: a metric the official script prints as nan or inf, left out (JSON has no number for it).
 */
export type ScoreWarningCode = 'duplicate-predictions' | 'matched-by-position' | 'official-script-fails' | 'not-reported'

export interface ScoreWarning {
  code: ScoreWarningCode
  message: string
}

/** A problem with an input file: names the file, the JSON path (or line) and what is wrong. */
export interface InputProblem {
  file: string
  path: string
  message: string
}
