// The one API contract between the renderer and the main-process services.
// Electron IPC (src/main/ipc.ts + preload) and HTTP (src/main/server) both implement it;
// the renderer calls `api.call(channel, request)` without knowing which transport it has.

import type { Challenge, ChallengeSummary } from './challenge'
import type { AuditEntry, TeamRow } from './teams'

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
  'teams.list': { req: { challengeId: number }; res: TeamRow[] }
  'audit.list': { req: { challengeId: number; teamId?: number; limit?: number }; res: AuditEntry[] }
}

export type Channel = keyof ApiContract
export type Req<C extends Channel> = ApiContract[C]['req']
export type Res<C extends Channel> = ApiContract[C]['res']

// A record, not a list, so the compiler insists every channel is named here.
const channelSet: Record<Channel, true> = {
  'app.info': true,
  'challenges.list': true,
  'challenges.get': true,
  'teams.list': true,
  'audit.list': true
}
export const CHANNELS = Object.keys(channelSet) as Channel[]
export const isChannel = (name: string): name is Channel => Object.hasOwn(channelSet, name)

/** What crosses either transport: errors travel as data so both behave the same. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

export interface ApiErrorBody {
  /** Stable machine code: NOT_FOUND, BAD_REQUEST, INPUT_ERROR, INTERNAL... */
  code: string
  message: string
}

/** Progress and status events pushed from main to renderer (IPC events or SSE). */
export type PodiumEvent =
  | { type: 'submission.status'; challengeId: number; teamId: number; status: string; reason?: string }
  | { type: 'progress'; jobId: string; label: string; done: number; total: number }
  | { type: 'data.changed'; challengeId: number; what: string }

export interface PodiumApi {
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>>
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: PodiumEvent) => void): () => void
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
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
