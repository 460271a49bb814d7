// The shape check of every API request, beside the contract: `dispatch()` runs it once for IPC,
// HTTP and tests alike, so a handler only ever sees a request of its declared type.
// Adding a channel (or a field) to ApiContract without a checker here is a compile error.
import type { Channel, Req } from './api'
import type { CombinationRule } from './challenge'
import type { SeSource } from './ranking'
import { TOKENIZER_SETTINGS } from './scoring'
import type { RankingMethodName, ReportFormat } from './views'
import type { WildLimitSettings } from './convai2'
import {
  arrayOf,
  boolean,
  fields,
  finiteNumber,
  id,
  integer,
  members,
  nothing,
  nullable,
  oneOf,
  optional,
  string,
  type Check,
  type FieldChecks
} from './checks'

/** A request of channel C: an object with exactly the fields of Req<C>, each checked. */
const request = <C extends Channel>(checks: FieldChecks<NonNullable<Req<C>>>): Check<NonNullable<Req<C>>> => fields(checks)
/** A request that may also be sent as null (no parameters). */
const requestOrNull = <C extends Channel>(checks: FieldChecks<NonNullable<Req<C>>>): Check<NonNullable<Req<C>> | null> =>
  nullable(fields(checks))

const combination = members<CombinationRule>({ 'per-domain': true, mean: true })
const required = members<'all' | 'any'>({ all: true, any: true })
const tokenizer = oneOf(TOKENIZER_SETTINGS)
const anonymized = optional(boolean)
const challengeOnly = { challengeId: id }
const limitValue = nullable(integer(0, 1_000_000))

const significanceRequest = request<'significance.compare'>({
  challengeId: id,
  categoryId: string(200),
  domain: string(200),
  resamples: optional(integer(1, Number.MAX_SAFE_INTEGER)),
  seed: optional(integer(0, Number.MAX_SAFE_INTEGER)),
  top: optional(integer(0, Number.MAX_SAFE_INTEGER)),
  anonymized,
  jobId: optional(string(200))
})

export const REQUEST_CHECKS: { [C in Channel]: (raw: unknown) => Req<C> } = {
  'app.info': nothing,
  'challenges.list': nothing,
  'challenges.get': request<'challenges.get'>(challengeOnly),
  'challenges.create': request<'challenges.create'>({
    name: string(200),
    slug: string(200),
    deadline: string(100),
    entryTag: string(200),
    goldDir: string(4096),
    combination: optional(combination),
    tokenizer: optional(tokenizer),
    required: optional(required)
  }),
  'challenges.update': request<'challenges.update'>({
    challengeId: id,
    name: optional(string(200)),
    deadline: optional(string(100)),
    entryTag: optional(string(200)),
    combination: optional(combination),
    tokenizer: optional(tokenizer),
    required: optional(required)
  }),
  'witness.record': request<'witness.record'>(challengeOnly),
  'teams.list': request<'teams.list'>(challengeOnly),
  'audit.list': request<'audit.list'>({ challengeId: id, teamId: optional(id), limit: optional(integer(1, 1000)) }),
  'teams.add': request<'teams.add'>({
    challengeId: id,
    name: string(200),
    repo: string(4096),
    contact: optional(string(320)),
    isBaseline: optional(boolean),
    predictionRefs: optional(arrayOf(string(200)))
  }),
  'teams.update': request<'teams.update'>({ teamId: id, predictionRefs: arrayOf(string(200)) }),
  'teams.choosePredictionFile': request<'teams.choosePredictionFile'>({ teamId: id, file: string(500), path: nullable(string(4096)) }),
  'teams.flag': request<'teams.flag'>({ teamId: id, reason: nullable(string(2000)) }),
  'teams.decideDuplicate': request<'teams.decideDuplicate'>({
    teamId: id,
    decision: members<'distinct' | 'exclude'>({ distinct: true, exclude: true })
  }),
  'intake.run': request<'intake.run'>({ challengeId: id, teamIds: optional(arrayOf(id)) }),
  'submissions.get': request<'submissions.get'>({ teamId: id, anonymized }),
  'evaluations.list': request<'evaluations.list'>({ challengeId: id, anonymized }),
  'evaluations.get': request<'evaluations.get'>({ evaluationId: id, anonymized }),
  'examples.list': request<'examples.list'>({
    evaluationId: id,
    offset: optional(integer(0, Number.MAX_SAFE_INTEGER)),
    limit: optional(integer(1, 5000)),
    wrongOnly: optional(boolean),
    minScore: optional(finiteNumber),
    maxScore: optional(finiteNumber),
    gold: optional(string()),
    dialogId: optional(string()),
    goldAction: optional(string()),
    predictedAction: optional(string()),
    text: optional(string())
  }),
  'examples.dialog': request<'examples.dialog'>({ evaluationId: id, dialogId: string(1000) }),
  'leaderboard.get': request<'leaderboard.get'>({
    challengeId: id,
    categoryId: string(200),
    domain: string(200),
    anonymized,
    method: optional(
      members<RankingMethodName>({ 'winner-rule': true, 'single-metric': true, 'normalized-average': true, 'average-rank': true })
    ),
    metric: optional(string(200)),
    seSource: optional(members<SeSource>({ best: true, each: true, max: true }))
  }),
  'reports.export': request<'reports.export'>({
    challengeId: id,
    format: members<ReportFormat>({ md: true, csv: true, html: true, pdf: true }),
    anonymized
  }),
  'notices.list': request<'notices.list'>(challengeOnly),
  'convai2.leaderboard': request<'convai2.leaderboard'>({ challengeId: id, anonymized }),
  'wild.status': requestOrNull<'wild.status'>({ challengeId: optional(id) }),
  // An integer TCP port (0: any free one); never a string, which Node would take as a socket path.
  'wild.start': requestOrNull<'wild.start'>({ port: optional(integer(0, 65535)), challengeId: optional(id) }),
  'wild.registerBot': request<'wild.registerBot'>({ name: string(200), teamId: optional(nullable(id)) }),
  'wild.dialogs': requestOrNull<'wild.dialogs'>({ botId: optional(id) }),
  'wild.startDialog': requestOrNull<'wild.startDialog'>({ botId: optional(id) }),
  'wild.dialog': request<'wild.dialog'>({ chatId: id }),
  'wild.send': request<'wild.send'>({ chatId: id, text: string(4096) }),
  'wild.end': request<'wild.end'>({ chatId: id, quality: integer(1, 5), roleplay: nullable(oneOf([0, 1] as const)) }),
  'wild.stop': nothing,
  'wild.unblockBot': request<'wild.unblockBot'>({ botId: id }),
  'wild.setLimits': request<'wild.setLimits'>({
    challengeId: id,
    limits: fields<Partial<Record<keyof WildLimitSettings, number | null>>>({
      inactivitySeconds: optional(limitValue),
      maxUtterances: optional(limitValue),
      maxInvalidMessages: optional(limitValue),
      maxPollSeconds: optional(limitValue)
    })
  }),
  // Ranges are the handler's (resamples 1-10,000, top 2-MAX_TOP); here only the types.
  'significance.compare': significanceRequest,
  'significance.paperResults': significanceRequest,
  'significance.cancel': request<'significance.cancel'>({ jobId: string(200) })
}

/** The checked request of a channel: BAD_REQUEST naming the field when it does not fit. */
export function checkRequest<C extends Channel>(channel: C, raw: unknown): Req<C> {
  return REQUEST_CHECKS[channel](raw)
}
