// The challenge configuration an organizer edits: what is scored, how winners are chosen.
import type { WildLimitSettings } from './convai2'
import type { TokenizerSetting } from './scoring'

export type Direction = 'higher' | 'lower'

export interface MetricPriority {
  metric: string
  direction: Direction
}

/** A winner category, e.g. "Subtask 2 — retrieval": one scoring task, one priority list. */
export interface CategoryConfig {
  id: string
  name: string
  task: string
  priority: MetricPriority[]
  /** Prediction file name pattern; `{domain}` is expanded per domain. */
  file: string
  /** Alternative file patterns accepted instead of `file` (e.g. DST as .json). */
  alternatives?: string[]
  /** Gold file name pattern inside `goldDir/{domain}/`. */
  gold: string
  /**
   * Gold pattern for prediction files given as JSON when `gold` is another format: SIMMC
   * subtask 3 scores `.json` predictions against the dialog-level `{domain}_teststd_dials.json`
   * (evaluate_dst.py) and `.txt` ones against the line-format target (gpt2_dst evaluate.py).
   */
  jsonGold?: string
}

/**
 * How per-domain results combine into one ranking: the SIMMC organizers announced
 * per-domain winners, so `per-domain` is the default; `mean` averages values and
 * combines std errors as sqrt(sum se^2)/k.
 */
export type CombinationRule = 'per-domain' | 'mean'

/** The pseudo-domain of the `mean` combination rule's leaderboard. */
export const COMBINED_DOMAIN = 'combined'

export interface ChallengeConfig {
  domains: string[]
  categories: CategoryConfig[]
  combination: CombinationRule
  modelGlobs: string[]
  /** Directory (relative to the data dir) holding gold files per domain. */
  goldDir: string
  /** Score only the last round of each dialog (SIMMC test-std: `--single_round_evaluation`). */
  singleRound: boolean
  /**
   * Which prediction files an entry must contain.
   * - 'any' (the default): partial entries. A team is judged on the categories and domains it
   *   attempted (SIMMC rules: "entries for all sub-tasks attempted"; ConvAI2: the metrics it
   *   reports). A missing file is information (the entry's "attempted" list), not an error; the
   *   team ranks in, and is eligible for, the categories it entered. An entry with no prediction
   *   file at all is still an error (REQUIRED_FILE_MISSING).
   * - 'all': every category is required in every domain; each missing file is an error
   *   (REQUIRED_FILE_MISSING) and makes the entry ineligible everywhere.
   */
  required?: 'all' | 'any'
  /** ConvAI2 wild evaluation: limits that differ from the seed's (absent keys: the defaults). */
  wildLimits?: Partial<WildLimitSettings>
  /**
   * The nltk release whose word_tokenize the generation BLEU reproduces (SIMMC default
   * nltk-3.5, what DSTC9 ran; absent means that default). Recorded with every evaluation.
   */
  tokenizer?: TokenizerSetting
}

export interface Challenge {
  id: number
  slug: string
  name: string
  kind: 'simmc' | 'convai2'
  /** ISO instant with its zone, e.g. 2020-09-27T23:59:59-12:00 (anywhere on Earth). */
  deadline: string
  entryTag: string
  config: ChallengeConfig
  createdAt: string
}

export type ChallengeSummary = Pick<Challenge, 'id' | 'slug' | 'name' | 'kind' | 'deadline' | 'entryTag'> & {
  teamCount: number
}

export interface NewChallengeRequest {
  name: string
  /** Lowercase letters, digits and dashes. */
  slug: string
  deadline: string
  entryTag: string
  /** Folder on this machine holding `{domain}/<official gold file>` for every category. */
  goldDir: string
  combination?: CombinationRule
  tokenizer?: TokenizerSetting
  /** Partial entries ('any', default) or every category required ('all'): see ChallengeConfig.required. */
  required?: 'all' | 'any'
}

export interface ChallengeUpdate {
  challengeId: number
  name?: string
  deadline?: string
  entryTag?: string
  combination?: CombinationRule
  tokenizer?: TokenizerSetting
  required?: 'all' | 'any'
}
