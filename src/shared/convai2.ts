// ConvAI2 (NeurIPS 2018) as data: metrics, categories, the ParlAI baselines and the wild
// evaluation rules. Shared so the renderer can label and format without importing main code;
// the leaderboard logic (eligibility, wild slots) is src/main/convai2/leaderboard.ts.
//
// Units: Podium's scorers report Hits@1 and F1 as fractions (0.1682), as ParlAI's own
// report does; the public leaderboard tables print them in percent (16.82). The baselines
// below are stored in Podium's units, next to the table's literal numbers. Perplexity has
// no unit change.

import type { CategoryConfig, ChallengeConfig, Direction, MetricPriority } from './challenge'
import type { Convai2Task } from './scoring'
import { DEFAULT_MODEL_GLOBS } from './intake'

export type Convai2Metric = 'ppl' | 'hits1' | 'f1'

export interface Convai2MetricInfo {
  metric: Convai2Metric
  task: Convai2Task
  label: string
  direction: Direction
  /** Multiply by this to print the value as the leaderboard does (100 = percent). */
  displayScale: number
  /** Best possible value (ranking normalization). */
  ceiling: number
}

/** In the leaderboard's column order: PPL, Hits@1, F1. */
export const CONVAI2_METRICS: readonly Convai2MetricInfo[] = [
  { metric: 'ppl', task: 'convai2-ppl', label: 'PPL', direction: 'lower', displayScale: 1, ceiling: 1 },
  { metric: 'hits1', task: 'convai2-hits1', label: 'Hits@1', direction: 'higher', displayScale: 100, ceiling: 1 },
  { metric: 'f1', task: 'convai2-f1', label: 'F1', direction: 'higher', displayScale: 100, ceiling: 1 }
]

export const CONVAI2_DIRECTIONS: readonly MetricPriority[] = CONVAI2_METRICS.map(({ metric, direction }) => ({
  metric,
  direction
}))

export const convai2Metric = (metric: string): Convai2MetricInfo | undefined => CONVAI2_METRICS.find((m) => m.metric === metric)

/** A value in the leaderboard's printed unit: 0.1682 → "16.82" for F1, 35.07 → "35.07" for PPL. */
export function formatConvai2(metric: Convai2Metric, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-'
  return (value * (convai2Metric(metric)?.displayScale ?? 1)).toFixed(digits)
}

/**
 * A row's standing on the ConvAI2 leaderboard, as the pure ranking decides it and the console shows it.
 * `Cell` is how a metric value is held (the ranking's value or the view's cell).
 */
export interface Convai2Standing<Cell> {
  baseline: boolean
  metrics: Record<Convai2Metric, Cell | null>
  /** Metrics in which this team is the best team (never set for baselines). */
  bestIn: Convai2Metric[]
  /** Metrics in which it is strictly better than every baseline that has the metric. */
  beatsBaselinesIn: Convai2Metric[]
  eligible: boolean
  /** Why not eligible (empty when eligible; "baseline" for baselines). */
  reasons: string[]
  /** 1-based place among teams in leaderboard order (ties share the place); null for baselines. */
  position: number | null
  /** Selected for the wild evaluation. */
  wild: boolean
}

export interface Convai2Baseline {
  name: string
  creator: string
  url?: string
  /** In Podium's units (fractions for hits1 and f1); absent = the table has "-". */
  metrics: Partial<Record<Convai2Metric, number>>
  /** The numbers exactly as the validation leaderboard prints them (percent for Hits@1, F1). */
  table: { ppl: number | null; hits1Percent: number | null; f1Percent: number | null }
}

/**
 * ParlAI team's baselines, ConvAI2 validation set leaderboard ("Models by ParlAI team are
 * baselines, and not entries into the competition").
 */
export const CONVAI2_BASELINES: readonly Convai2Baseline[] = [
  {
    name: 'Seq2Seq + Attention',
    creator: 'ParlAI team',
    url: 'https://github.com/facebookresearch/ParlAI/tree/master/projects/convai2/baselines/seq2seq',
    metrics: { ppl: 35.07, hits1: 0.125, f1: 0.1682 },
    table: { ppl: 35.07, hits1Percent: 12.5, f1Percent: 16.82 }
  },
  {
    name: 'Language Model',
    creator: 'ParlAI team',
    metrics: { ppl: 51.1, f1: 0.1531 },
    table: { ppl: 51.1, hits1Percent: null, f1Percent: 15.31 }
  },
  {
    name: 'KV Profile Memory',
    creator: 'ParlAI team',
    url: 'https://github.com/facebookresearch/ParlAI/tree/master/projects/convai2/baselines/kvmemnn',
    metrics: { hits1: 0.551, f1: 0.1172 },
    table: { ppl: null, hits1Percent: 55.1, f1Percent: 11.72 }
  }
]

/** The wild evaluation: "Up to 10 top solutions from current leaderboard are eligible". */
export const CONVAI2_WILD_SLOTS = 10

/**
 * "Top" on the leaderboard: the public tables are ordered by F1 (entries without F1 last);
 * Hits@1 then PPL break ties. Entries missing a key sort after those that have it.
 */
export const CONVAI2_LEADERBOARD_ORDER: readonly MetricPriority[] = [
  { metric: 'f1', direction: 'higher' },
  { metric: 'hits1', direction: 'higher' },
  { metric: 'ppl', direction: 'lower' }
]

/** The wild evaluation's limits (seed: "Timeouts and limitations"). */
export const CONVAI2_WILD_LIMITS = {
  inactivitySeconds: 600,
  maxUtterances: 1000,
  maxInvalidMessages: 10
} as const

/** The limits an organizer can set per challenge (challenge config `wildLimits`, `podium wild-limits`). */
export interface WildLimitSettings {
  /** A dialog without any message for this long is closed ('inactivity'). Seed: 600 s. */
  inactivitySeconds: number
  /** Messages per dialog, both sides, /start included; reaching it closes the dialog. Seed: 1000. */
  maxUtterances: number
  /** Refused messages per bot before it is blocked (HTTP 403). Seed: 10. */
  maxInvalidMessages: number
  /** getUpdates `timeout` is capped at this many seconds. */
  maxPollSeconds: number
}

export const DEFAULT_WILD_LIMIT_SETTINGS: WildLimitSettings = { ...CONVAI2_WILD_LIMITS, maxPollSeconds: 50 }

/** Allowed range of each setting (integers). */
export const WILD_LIMIT_RANGES: Record<keyof WildLimitSettings, { min: number; max: number; label: string }> = {
  inactivitySeconds: { min: 1, max: 86_400, label: 'inactivity limit (s)' },
  maxUtterances: { min: 2, max: 100_000, label: 'messages per dialog' },
  maxInvalidMessages: { min: 1, max: 10_000, label: 'invalid messages before a bot is blocked' },
  maxPollSeconds: { min: 0, max: 600, label: 'longest getUpdates wait (s)' }
}

/** Gold file names inside `goldDir/{domain}/` and the prediction files teams commit. */
const FILES: Record<Convai2Task, { file: string; gold: string }> = {
  'convai2-f1': { file: 'convai2-{domain}-f1.jsonl', gold: 'convai2_{domain}_gold.jsonl' },
  'convai2-hits1': { file: 'convai2-{domain}-hits1.jsonl', gold: 'convai2_{domain}_gold.jsonl' },
  'convai2-ppl': { file: 'convai2-{domain}-ppl.jsonl', gold: 'convai2_{domain}_gold.jsonl' }
}

/** One category per metric, each with a one-metric priority list. */
export const CONVAI2_CATEGORIES: readonly CategoryConfig[] = CONVAI2_METRICS.map((m) => ({
  id: m.task,
  name: m.label,
  task: m.task,
  priority: [{ metric: m.metric, direction: m.direction }],
  file: FILES[m.task].file,
  alternatives: [FILES[m.task].file.replace(/\.jsonl$/, '.json')],
  gold: FILES[m.task].gold
}))

/** ConvAI2 as a Podium challenge configuration; one "domain": the evaluation split. */
export function convai2ChallengeConfig(goldDir: string, split = 'test'): ChallengeConfig {
  return {
    domains: [split],
    combination: 'per-domain',
    goldDir,
    singleRound: false,
    required: 'any',
    modelGlobs: [...DEFAULT_MODEL_GLOBS],
    categories: CONVAI2_CATEGORIES.map((c) => ({ ...c, priority: [...c.priority] }))
  }
}

// ---------------------------------------------------------------- wild evaluation views

/** A bot registered for the wild evaluation (organizer view: carries the token). */
export interface WildBot {
  id: number
  name: string
  token: string
  teamId: number | null
  /** sendMessage calls refused so far; at the limit the bot is blocked (HTTP 403). */
  invalidCount: number
  blocked: boolean
  /** Last getUpdates call (ISO); null: the bot never connected. */
  lastPollAt: string | null
}

export type WildSender = 'human' | 'bot'
/** 'invalid-limit': the bot was blocked after too many invalid messages and can no longer answer. */
export type WildCloseReason = 'ended' | 'inactivity' | 'utterance-limit' | 'invalid-limit'

export interface WildMessage {
  /** Per chat, from 0 (the /start message), both sides. */
  messageId: number
  sender: WildSender
  text: string
  sentAt: string
  /** Human messages: the bot's msg_evaluation of it (0/1), null when not evaluated. */
  evaluation: 0 | 1 | null
  /** Human messages: message id of the bot message that carried the evaluation. */
  evaluatedBy: number | null
  /** Human messages: whether getUpdates has handed it to the bot. */
  delivered: boolean
}

export interface WildRating {
  /** Overall quality, 1–5: how much the evaluator liked the conversation. */
  quality: number
  /** Role-play question: the index (0/1) in `profileChoices` the evaluator picked; null if not asked. */
  roleplay: 0 | 1 | null
  /** Whether that pick is the bot's own profile (the role-playing metric); null if not asked. */
  roleplayCorrect: boolean | null
  ratedAt: string
}

export interface WildDialog {
  chatId: number
  botId: number
  botName: string
  status: 'open' | 'closed'
  closeReason: WildCloseReason | null
  startedAt: string
  lastActivityAt: string
  closedAt: string | null
  /** Messages so far, both sides, /start included. */
  utterances: number
  /** The bot's profile. Organizer view only: the evaluator must not see which choice it is. */
  profile: string[]
  /** The two profiles of the role-play question in the order to show them; null without one. */
  profileChoices: [string[], string[]] | null
  rating: WildRating | null
}

export interface WildStat {
  mean: number
  /** Population std / sqrt(n), like every Podium std error; null when n = 1 (undefined, not 0). */
  stderr: number | null
  n: number
}

/** Wild-evaluation results of one bot over its rated dialogs. */
export interface WildBotStats {
  botId: number
  name: string
  teamId: number | null
  dialogs: number
  /** Rated dialogs in which the bot answered at least once: the ones in the means. */
  rated: number
  /** Rated dialogs in which the bot never answered: left out of the means. */
  ratedUnanswered: number
  /** Mean overall quality (1–5); null before the first rating. */
  quality: WildStat | null
  /** Role-play accuracy (share of correct picks, 0–1); null when never asked. */
  roleplay: WildStat | null
  humanMessages: number
  botMessages: number
  /** Bot msg_evaluation marks: how many human messages it scored, and how many with 1. */
  evaluations: { n: number; positive: number }
}

export type WildEvent =
  { type: 'wild.message'; chatId: number; message: WildMessage } | { type: 'wild.closed'; chatId: number; reason: WildCloseReason }
