// View models the services return to the renderer (and the report writers).
import type { CategoryConfig } from './challenge'
import type { Convai2Standing, WildBot, WildBotStats, WildCloseReason, WildLimitSettings, WildMessage, WildStat } from './convai2'
import type { CheckReport } from './intake'
import type { RankedRow, SeSource, WinnerOutcome } from './ranking'
import type { ConfusionMatrix, ExampleResult, ScoreWarning } from './scoring'
import type { AuditEntry, Submission, Team } from './teams'

export interface MetricCell {
  value: number
  stderr: number | null
}

export interface EvaluationSummary {
  evaluationId: number
  teamId: number
  baseline: boolean
  /** Anonymous id, or the real name in the organizer's own view. */
  label: string
  categoryId: string
  task: string
  domain: string
  n: number
  coverage: { predicted: number; total: number }
  metrics: Record<string, MetricCell>
  /** Settings the numbers depend on, as recorded with the evaluation (e.g. { tokenizer: 'nltk-3.5' }). */
  params?: Record<string, string>
  /** How the numbers were obtained when the organizer should know (duplicates, official-script failures); absent when none. */
  warnings?: ScoreWarning[]
}

export interface SubmissionDetail {
  team: Team
  submission: Submission | null
  report: CheckReport | null
  evaluations: EvaluationSummary[]
  audit: AuditEntry[]
}

export type RankingMethodName = 'winner-rule' | 'single-metric' | 'normalized-average' | 'average-rank'

export interface LeaderboardRequest {
  challengeId: number
  categoryId: string
  domain: string
  /** Real names only when explicitly false (the organizer's own view). */
  anonymized?: boolean
  method?: RankingMethodName
  /** For single-metric ranking; default the first priority metric. */
  metric?: string
  seSource?: SeSource
}

export interface LeaderboardRow {
  teamId: number
  label: string
  baseline: boolean
  eligible: boolean
  reasons: string[]
  winner: boolean
  /** Rank under the chosen method; null for baselines and unranked entries. */
  rank: number | null
  /** Method score (normalized average 0-100, mean rank, or the metric value). */
  score: number | null
  metrics: Record<string, MetricCell>
  /** Normalized 0-100 per metric (floor: best baseline, ceiling: best possible). */
  normalized: Record<string, number | null>
  /** Metrics on which this row is the best among teams (the ConvAI2 table's bold). */
  bestIn: string[]
  flaggedReason: string | null
  /** A partial entry: the categories and domains it attempted (it ranks only where it entered). */
  attempted?: string
  /** DUPLICATE_ENTRY: shares its commit or prediction files with another team; the organizer's decision. */
  duplicate?: 'pending' | 'distinct' | 'exclude'
}

export interface LeaderboardView {
  category: CategoryConfig
  domain: string
  anonymized: boolean
  method: RankingMethodName
  /** The metric rows are ordered by (single-metric and winner-rule methods). */
  metric: string | null
  seSource: SeSource
  rows: LeaderboardRow[]
  outcome: WinnerOutcome
  ranking: RankedRow[]
}

export interface ExampleQuery {
  evaluationId: number
  offset?: number
  limit?: number
  wrongOnly?: boolean
  minScore?: number
  maxScore?: number
  /** Exact gold value. */
  gold?: string
  /** Exact dialog id: every example of one dialog (its context), in turn order. */
  dialogId?: string
  /** Subtask 1: the gold / predicted action (a confusion-matrix cell). */
  goldAction?: string
  predictedAction?: string
  /** Case-insensitive substring of dialog id, gold or prediction. */
  text?: string
}

export interface ExamplePage {
  total: number
  offset: number
  rows: Array<ExampleResult & { idx: number }>
}

/** What was said in one gold dialog, for the Dialog context panel of error analysis. */
export interface DialogTranscript {
  /** The gold file the utterances come from; null when none has them (`note` says why). */
  source: string | null
  /** In turn order: what the user said, then the system's gold reply. */
  turns: Array<{ turn: number; user: string; system: string }>
  note?: string
}

export interface EvaluationDetail extends EvaluationSummary {
  confusion: ConfusionMatrix | null
  /** Histogram of per-example scores, 10 bins over [0, 1] (ranks: 1, 2-5, 6-10, 11-100). */
  distribution: Array<{ bin: string; count: number }>
}

export interface ReportFile {
  fileName: string
  mime: string
  /** Text formats as UTF-8; PDF as base64. */
  content: string
  encoding: 'utf8' | 'base64'
}

export type ReportFormat = 'md' | 'csv' | 'html' | 'pdf'

export interface TeamNotice {
  teamId: number
  anonId: string
  fileName: string
  content: string
}

export interface WitnessView {
  teamId: number
  label: string
  tag: string
  tagObject: string | null
  commit: string | null
  seenAt: string
  error: string | null
}

export interface WildStatus {
  /** Base URL of the Bot API (bots call `${url}bot<token>/getUpdates`); null when stopped. */
  url: string | null
  /** Organizer view: carries the tokens. */
  bots: WildBot[]
  stats: WildBotStats[]
  /** The running server's limits; when stopped, those of the challenge asked about (or the seed's). */
  limits: WildLimitSettings
  /** The challenge whose limits the server runs with (null: the seed's defaults). */
  challengeId: number | null
  /** Why the last start failed (or the restart with the console), in plain words; null otherwise. */
  error: string | null
}

/** What the human evaluator sees: never the bot's identity or which profile it plays. */
export interface EvaluatorDialog {
  chatId: number
  status: 'open' | 'closed'
  closeReason: WildCloseReason | null
  profileChoices: [string[], string[]] | null
  rated: boolean
  messages: WildMessage[]
}

export interface Convai2LeaderboardRow extends Convai2Standing<MetricCell> {
  teamId: number | null
  label: string
  /** Human evaluation of the team's bots, when it has any. */
  human: { quality: WildStat | null; roleplay: WildStat | null } | null
}

export interface Convai2LeaderboardView {
  anonymized: boolean
  rows: Convai2LeaderboardRow[]
  wild: { slots: number; note: string | null }
}
