// The one API contract between the renderer and the main-process services.
// Electron IPC (src/main/ipc.ts + preload) and HTTP (src/main/server) both implement it;
// the renderer calls `api.call(channel, request)` without knowing which transport it has.

import type { Challenge, ChallengeSummary, ChallengeUpdate, NewChallengeRequest } from './challenge'
import type { AuditEntry, DuplicateStatus, Team, TeamRow } from './teams'
import type {
  EvaluationDetail,
  EvaluationSummary,
  ExamplePage,
  DialogTranscript,
  ExampleQuery,
  LeaderboardRequest,
  LeaderboardView,
  ReportFile,
  ReportFormat,
  SubmissionDetail,
  Convai2LeaderboardView,
  EvaluatorDialog,
  TeamNotice,
  WildStatus,
  WitnessView
} from './views'
import type { WildBot, WildDialog, WildEvent, WildLimitSettings, WildMessage } from './convai2'
import type { PaperResultsView, SignificanceRequest, SignificanceResult } from './significance'

export interface AppInfo {
  version: string
  transport: 'electron' | 'http'
  dataDir: string
  dbPath: string
  schemaVersion: number
}

/** Each channel: its request and response types. */
export interface ApiContract {
  'app.info': { req: null; res: AppInfo }
  'challenges.list': { req: null; res: ChallengeSummary[] }
  'challenges.get': { req: { challengeId: number }; res: Challenge }
  'challenges.create': { req: NewChallengeRequest; res: Challenge }
  'challenges.update': { req: ChallengeUpdate; res: Challenge }
  /** Records what every team's entry tag points at now (run it at the deadline). */
  'witness.record': { req: { challengeId: number }; res: WitnessView[] }
  'teams.list': { req: { challengeId: number }; res: TeamRow[] }
  'audit.list': { req: { challengeId: number; teamId?: number; limit?: number }; res: AuditEntry[] }
  'teams.add': {
    req: { challengeId: number; name: string; repo: string; contact?: string; isBaseline?: boolean; predictionRefs?: string[] }
    res: Team
  }
  /** Changes where a team's predictions are read: refs searched in order ([] = the remote HEAD). Next intake uses them. */
  'teams.update': { req: { teamId: number; predictionRefs: string[] }; res: Team }
  /** Picks which copy of a prediction file (in several folders) is the entry; path null forgets the pick. */
  'teams.choosePredictionFile': { req: { teamId: number; file: string; path: string | null }; res: Team }
  'teams.flag': { req: { teamId: number; reason: string | null }; res: Team }
  /** DUPLICATE_ENTRY: 'distinct' lets the entry win again, 'exclude' keeps it out of winners (audit-logged). */
  'teams.decideDuplicate': { req: { teamId: number; decision: 'distinct' | 'exclude' }; res: DuplicateStatus }
  /** Queues intake (fetch, checks, validation, scoring) for the given teams, or all of them. */
  'intake.run': { req: { challengeId: number; teamIds?: number[] }; res: { queued: number } }
  'submissions.get': { req: { teamId: number; anonymized?: boolean }; res: SubmissionDetail }
  'evaluations.list': { req: { challengeId: number; anonymized?: boolean }; res: EvaluationSummary[] }
  'evaluations.get': { req: { evaluationId: number; anonymized?: boolean }; res: EvaluationDetail }
  'examples.list': { req: ExampleQuery; res: ExamplePage }
  /** The gold utterances of one dialog of an evaluation (SIMMC dials file, ConvAI2 contexts). */
  'examples.dialog': { req: { evaluationId: number; dialogId: string }; res: DialogTranscript }
  'leaderboard.get': { req: LeaderboardRequest; res: LeaderboardView }
  'reports.export': { req: { challengeId: number; format: ReportFormat; anonymized?: boolean }; res: ReportFile }
  'notices.list': { req: { challengeId: number }; res: TeamNotice[] }
  /** ConvAI2: teams beside the ParlAI baselines, best per metric, eligibility, wild slots. */
  'convai2.leaderboard': { req: { challengeId: number; anonymized?: boolean }; res: Convai2LeaderboardView }
  /** With a challenge: the limits it would run with while the server is stopped. */
  'wild.status': { req: { challengeId?: number } | null; res: WildStatus }
  /** Starts the Bot API with the challenge's limits; it restarts with the console until stopped. */
  'wild.start': { req: { port?: number; challengeId?: number } | null; res: WildStatus }
  'wild.registerBot': { req: { name: string; teamId?: number | null }; res: WildBot }
  /** Organizer view of the dialogs (with the bots' profiles). */
  'wild.dialogs': { req: { botId?: number } | null; res: WildDialog[] }
  /** Without botId the server picks a bot, so the evaluator never sees the list. */
  'wild.startDialog': { req: { botId?: number } | null; res: EvaluatorDialog }
  'wild.dialog': { req: { chatId: number }; res: EvaluatorDialog }
  'wild.send': { req: { chatId: number; text: string }; res: WildMessage }
  'wild.end': { req: { chatId: number; quality: number; roleplay: 0 | 1 | null }; res: EvaluatorDialog }
  /** Stops the Bot API on purpose (it no longer restarts with the console). */
  'wild.stop': { req: null; res: WildStatus }
  /** Lifts a bot's block (clears its invalid messages); the team keeps the same bot and token. */
  'wild.unblockBot': { req: { botId: number }; res: WildBot }
  /** Sets (null: back to the default) the challenge's wild limits; returns the limits in force. */
  'wild.setLimits': {
    req: { challengeId: number; limits: Partial<Record<keyof WildLimitSettings, number | null>> }
    res: WildLimitSettings
  }
  /** Paired bootstrap + approximate randomization between the top entries of a category (worker pool; progress events). */
  'significance.compare': { req: SignificanceRequest; res: SignificanceResult }
  /** Stops a running comparison started with this jobId. */
  'significance.cancel': { req: { jobId: string }; res: { cancelled: boolean } }
  /** The same comparison as a results section for a paper: booktabs LaTeX, Markdown, SVG matrix. */
  'significance.paperResults': { req: SignificanceRequest; res: PaperResultsView }
}

export type Channel = keyof ApiContract
export type Req<C extends Channel> = ApiContract[C]['req']
export type Res<C extends Channel> = ApiContract[C]['res']

// A record, not a list, so the compiler insists every channel is named here.
const channelSet: Record<Channel, true> = {
  'app.info': true,
  'challenges.list': true,
  'challenges.get': true,
  'challenges.create': true,
  'challenges.update': true,
  'witness.record': true,
  'teams.list': true,
  'audit.list': true,
  'teams.add': true,
  'teams.flag': true,
  'teams.decideDuplicate': true,
  'teams.update': true,
  'teams.choosePredictionFile': true,
  'intake.run': true,
  'submissions.get': true,
  'evaluations.list': true,
  'evaluations.get': true,
  'examples.list': true,
  'examples.dialog': true,
  'leaderboard.get': true,
  'reports.export': true,
  'notices.list': true,
  'convai2.leaderboard': true,
  'wild.status': true,
  'wild.start': true,
  'wild.registerBot': true,
  'wild.dialogs': true,
  'wild.startDialog': true,
  'wild.dialog': true,
  'wild.send': true,
  'wild.end': true,
  'wild.stop': true,
  'wild.unblockBot': true,
  'wild.setLimits': true,
  'significance.compare': true,
  'significance.cancel': true,
  'significance.paperResults': true
}
export const CHANNELS = Object.keys(channelSet) as Channel[]
export const isChannel = (name: string): name is Channel => Object.hasOwn(channelSet, name)

/** What crosses either transport: errors travel as data so both behave the same. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

/**
 * Every error code either transport can carry (a closed list: the HTTP status of each is below).
 * BAD_REQUEST: the request does not fit its channel (the message names the field);
 * INPUT_ERROR: a file it points at is malformed; INTERNAL: Podium's own bug.
 */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'INPUT_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'CANCELLED'
  | 'UNAVAILABLE'
  | 'INTERNAL'

/** The HTTP status of each code (a record, so a new code without a status does not compile). */
export const HTTP_STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  INPUT_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  // The organizer stopped the job; 409 like other requests that conflict with the state of the work.
  CANCELLED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500
}

export interface ApiErrorBody {
  code: ApiErrorCode
  message: string
}

/** Progress and status events pushed from main to renderer (IPC events or SSE). */
export type PodiumEvent =
  | { type: 'submission.status'; challengeId: number; teamId: number; status: string; reason?: string }
  | {
      type: 'progress'
      jobId: string
      label: string
      done: number
      total: number
      /** Set when the job belongs to one team's submission. */
      teamId?: number
      submissionId?: number
    }
  | { type: 'data.changed'; challengeId: number; what: string }
  | WildEvent

/**
 * What the Electron preload exposes: the raw envelopes. The renderer unwraps them itself so
 * that errors are real ApiErrors in its own world (contextBridge strips an Error's fields).
 */
export interface PodiumBridge {
  invoke(channel: Channel, request: unknown): Promise<Envelope<unknown>>
  onEvent(listener: (event: PodiumEvent) => void): () => void
}

export interface PodiumApi {
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>>
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: PodiumEvent) => void): () => void
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Turns a transported envelope back into a value or a thrown ApiError (both transports). */
export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.data
  throw new ApiError(envelope.error.code, envelope.error.message)
}

/** IPC channel names of the Electron transport. */
export const IPC_CALL = 'podium:call'
export const IPC_EVENT = 'podium:event'
