import { ApiError } from '../../shared/api'
import type { Challenge } from '../../shared/challenge'
import type { Team } from '../../shared/teams'
import { schemaVersion } from '../db/database'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import { PODIUM_VERSION } from '../version'
import { baselineLabel, extendAnonymousIds } from '../ranking/anonymize'
import { evaluationDetail, summarize } from './evaluation-views'
import { isAnonymized, notFound, requireId, type Handlers } from './handlers'
import type { IntakeQueue } from './intake-queue'
import { createSimmcChallenge, updateChallenge } from './challenge-admin'
import { convai2Handlers } from './convai2-handlers'
import { decideDuplicate, duplicateStatuses } from './duplicates'
import { leaderboardFor, loadBoardData } from './leaderboard-query'
import { recordWitnesses } from './witness-service'
import { choosePredictionFile, describeRefs, parsePredictionRefs, updatePredictionRefs } from './team-refs'
import { exportReport, teamNotices, type PdfPrinter } from './reports'
import type { WildService } from './wild-service'
import type { ScoringPool } from '../scoring/pool'
import { paperView, SignificanceRuns } from './significance-service'
import { isEmailAddress } from './mail-header'
import { dialogTranscript } from './dialog-transcript'

export interface ServiceContext {
  store: Store
  dataDir: string
  events: EventBus
  intake: IntakeQueue
  transport: 'electron' | 'http'
  printPdf: PdfPrinter
  wild: WildService
  /** Runs significance chunks; absent = in this thread. */
  pool?: ScoringPool
}

/** Every API channel's implementation, shared by the Electron and HTTP transports. */
export function createHandlers(ctx: ServiceContext): Handlers {
  const { store } = ctx
  const challenge = (id: number): Challenge => store.challenges.get(id) ?? notFound(`challenge ${id}`)
  const team = (id: number): Team => store.teams.get(id) ?? notFound(`team ${id}`)
  const significance = new SignificanceRuns()

  return {
    'app.info': () => ({
      version: PODIUM_VERSION,
      transport: ctx.transport,
      dataDir: ctx.dataDir,
      dbPath: store.path,
      schemaVersion: schemaVersion(store.db)
    }),
    'challenges.list': () => store.challenges.list(),
    'challenges.get': (req) => challenge(requireId(req, 'challengeId')),
    'challenges.create': (req) => createSimmcChallenge(store, ctx.dataDir, req),
    'challenges.update': (req) => updateChallenge(store, { ...req, challengeId: requireId(req, 'challengeId') }),
    'witness.record': async (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      const teams = new Map(store.teams.list(c.id).map((t) => [t.id, t]))
      const records = await recordWitnesses(store, c)
      return records.map((r) => ({ ...r, label: teams.get(r.teamId)!.name }))
    },
    'teams.list': (req) => {
      const challengeId = requireId(req, 'challengeId')
      const duplicates = duplicateStatuses(store, challengeId)
      return store.teams.list(challengeId).map((t) => {
        const duplicate = duplicates.get(t.id)
        return duplicate ? { ...t, duplicate } : t
      })
    },
    'teams.decideDuplicate': (req) => decideDuplicate(store, team(requireId(req, 'teamId')), req.decision),
    'audit.list': (req) => store.audit.list(requireId(req, 'challengeId'), req.teamId ?? null, Math.min(req.limit ?? 200, 1000)),

    'teams.add': (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      const name = String(req.name ?? '').trim()
      const repo = String(req.repo ?? '').trim()
      if (!name) throw new ApiError('BAD_REQUEST', 'request.name: a team needs a name')
      if (!repo) throw new ApiError('BAD_REQUEST', 'request.repo: give the repository URL or local path')
      const contact = String(req.contact ?? '').trim()
      // Written into the To: header of the team's notice: an address, never extra header lines.
      if (contact && !isEmailAddress(contact)) {
        throw new ApiError(
          'BAD_REQUEST',
          `request.contact: "${JSON.stringify(contact).slice(1, -1)}" is not an e-mail address (name@example.org)`
        )
      }
      const existing = store.teams.list(c.id)
      if (existing.some((t) => t.name === name)) throw new ApiError('CONFLICT', `team "${name}" already exists`)
      const isBaseline = req.isBaseline === true
      const predictionRefs = parsePredictionRefs(req.predictionRefs)
      const seed = store.challenges.anonSeed(c.id)!
      const known = new Map(existing.filter((t) => !t.isBaseline).map((t) => [t.name, t.anonId]))
      // Baselines are public: they keep their name in every export.
      const anonId = isBaseline ? baselineLabel(name) : extendAnonymousIds(known, [name], seed).get(name)!
      const id = store.db.transaction(() => {
        const teamId = store.teams.insert({
          challengeId: c.id,
          name,
          repo,
          contact,
          anonId,
          isBaseline,
          flaggedReason: null,
          predictionRefs
        })
        store.submissions.create(teamId, c.entryTag)
        store.audit.record({
          challengeId: c.id,
          teamId,
          action: 'team.added',
          detail: `${name} (${repo}); predictions refs: ${describeRefs(predictionRefs)}`
        })
        return teamId
      })()
      return team(id)
    },
    'teams.flag': (req) => {
      const t = team(requireId(req, 'teamId'))
      const reason = req.reason === null ? null : String(req.reason ?? '').trim() || null
      store.db.transaction(() => {
        store.teams.flag(t.id, reason)
        store.audit.record({
          challengeId: t.challengeId,
          teamId: t.id,
          action: reason ? 'team.flagged' : 'team.unflagged',
          detail: reason ?? ''
        })
      })()
      return team(t.id)
    },
    'teams.update': (req) => {
      const t = team(requireId(req, 'teamId'))
      if (req.predictionRefs === undefined)
        throw new ApiError('BAD_REQUEST', 'request.predictionRefs: give the refs ([] for the remote HEAD)')
      updatePredictionRefs(store, t, parsePredictionRefs(req.predictionRefs))
      return team(t.id)
    },
    'teams.choosePredictionFile': (req) => {
      const t = team(requireId(req, 'teamId'))
      choosePredictionFile(store, t, req.file, req.path)
      return team(t.id)
    },
    'intake.run': (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      const teams = store.teams.list(c.id)
      const ids = req.teamIds ?? teams.map((t) => t.id)
      const unknown = ids.filter((id) => !teams.some((t) => t.id === id))
      if (unknown.length) throw new ApiError('NOT_FOUND', `team ${unknown.join(', ')} is not in challenge ${c.id}`)
      return { queued: ctx.intake.enqueue(ids) }
    },
    'submissions.get': (req) => {
      const t = team(requireId(req, 'teamId'))
      const c = challenge(t.challengeId)
      const submission = store.submissions.latestForTeam(t.id) ?? null
      return {
        team: t,
        submission,
        report: submission ? store.submissions.report(submission.id) : null,
        evaluations: submission ? store.evaluations.forSubmission(submission.id).map((e) => summarize(c, t, e, isAnonymized(req))) : [],
        audit: store.audit.list(t.challengeId, t.id, 200)
      }
    },
    'evaluations.list': (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      const teams = new Map(store.teams.list(c.id).map((t) => [t.id, t]))
      return store.evaluations.forChallenge(c.id).map((e) => summarize(c, teams.get(e.teamId)!, e, isAnonymized(req)))
    },
    'evaluations.get': (req) => {
      const id = requireId(req, 'evaluationId')
      const e = store.evaluations.get(id) ?? notFound(`evaluation ${id}`)
      const t = team(store.submissions.get(e.submissionId)!.teamId)
      return evaluationDetail(store, challenge(t.challengeId), t, e, isAnonymized(req))
    },
    'examples.list': (req) => {
      const evaluationId = requireId(req, 'evaluationId')
      if (!store.evaluations.get(evaluationId)) notFound(`evaluation ${evaluationId}`)
      const limit = Math.min(Math.max(req.limit ?? 200, 1), 5000)
      const offset = Math.max(req.offset ?? 0, 0)
      const filter = { ...req, evaluationId }
      return { total: store.evaluations.countExamples(filter), offset, rows: store.evaluations.examples(filter, limit, offset) }
    },
    'examples.dialog': (req) => {
      const evaluationId = requireId(req, 'evaluationId')
      const e = store.evaluations.get(evaluationId) ?? notFound(`evaluation ${evaluationId}`)
      const t = team(store.submissions.get(e.submissionId)!.teamId)
      return dialogTranscript(challenge(t.challengeId), ctx.dataDir, e.task, e.domain, req.dialogId)
    },
    'leaderboard.get': (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      return leaderboardFor(loadBoardData(store, c), c, req.categoryId, req.domain, {
        anonymized: isAnonymized(req),
        method: req.method ?? 'winner-rule',
        seSource: req.seSource ?? 'best',
        ...(req.metric ? { metric: req.metric } : {})
      })
    },
    'reports.export': (req) => exportReport(ctx, challenge(requireId(req, 'challengeId')), req.format, isAnonymized(req)),
    'notices.list': (req) => teamNotices(ctx, challenge(requireId(req, 'challengeId'))),
    'significance.compare': (req) =>
      significance.run(
        { store, events: ctx.events, ...(ctx.pool ? { pool: ctx.pool } : {}) },
        challenge(requireId(req, 'challengeId')),
        req
      ),
    'significance.paperResults': async (req) => {
      const c = challenge(requireId(req, 'challengeId'))
      return paperView(c, await significance.run({ store, events: ctx.events, ...(ctx.pool ? { pool: ctx.pool } : {}) }, c, req))
    },
    'significance.cancel': (req) => {
      if (typeof req?.jobId !== 'string' || req.jobId === '') throw new ApiError('BAD_REQUEST', 'request.jobId must be a non-empty string')
      return { cancelled: significance.cancel(req.jobId) }
    },
    ...convai2Handlers(store, ctx.wild)
  }
}
