// The persistent intake queue: pending → fetching → validating → scoring → done | failed.
// Every state change is written to the database first, so a crash or quit never leaves a
// submission silently stuck: on the next start `recoverInterrupted` queues it again.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Challenge } from '../../shared/challenge'
import { problem, type CheckReport, type ProblemCode } from '../../shared/intake'
import type { SubmissionStatus, Team } from '../../shared/teams'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import { checkRepo } from '../intake/check-repo'
import type { ScoringPool } from '../scoring/pool'
import { requiredFilePatterns, requiredMode, slotOf } from './prediction-files'
import { scoreSubmission } from './scoring-service'
import { errorText } from '../../shared/error-text'

/** Problems that leave nothing to score: the submission fails instead of being judged. */
const FATAL: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'UNREACHABLE',
  'AUTH_REQUIRED',
  'REPO_NOT_FOUND',
  'TAG_MISSING',
  'REPO_TOO_LARGE',
  'REPO_CORRUPT'
])

export interface IntakeDeps {
  store: Store
  events: EventBus
  pool: ScoringPool
  dataDir: string
  /** Injected for tests; the real clock otherwise. */
  now?: () => Date
  /** Where the predictions live in each repository: the default branch's head. */
  predictionsRef?: string
  concurrency?: number
}

export class IntakeQueue {
  private readonly waiting: number[] = []
  /** Teams being processed now: queuing them again would start a second submission. */
  private readonly active = new Set<number>()
  private running = 0
  private idleWaiters: Array<() => void> = []

  constructor(private readonly deps: IntakeDeps) {}

  /** Queues the teams; a team already queued or running is not queued twice. */
  enqueue(teamIds: number[]): number {
    let queued = 0
    for (const teamId of teamIds) {
      if (this.waiting.includes(teamId) || this.active.has(teamId)) continue
      const team = this.deps.store.teams.get(teamId)
      if (!team) continue
      const latest = this.deps.store.submissions.latestForTeam(teamId)
      const reusable = latest && latest.status === 'pending'
      const submissionId = reusable ? latest.id : this.deps.store.submissions.create(teamId, this.challengeOf(team).entryTag)
      this.setStatus(team, submissionId, 'pending', null, 'queued')
      this.waiting.push(teamId)
      queued++
    }
    this.pump()
    return queued
  }

  /** Submissions left running (or still queued) by a crash or quit go back to pending and are queued again. */
  recoverInterrupted(): number {
    const { store } = this.deps
    const interrupted = store.submissions.interrupted()
    for (const s of interrupted) {
      const team = store.teams.get(s.teamId)!
      store.db.transaction(() => {
        store.submissions.setStatus(s.id, 'pending', 'RESUMED', `interrupted while ${s.status}; queued again`)
        store.audit.record({
          challengeId: team.challengeId,
          teamId: team.id,
          action: 'intake.resumed',
          detail: `submission ${s.id} was ${s.status} when Podium stopped`
        })
      })()
    }
    this.enqueue(interrupted.map((s) => s.teamId))
    return interrupted.length
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 2
    while (this.running < limit && this.waiting.length > 0) {
      const teamId = this.waiting.shift()!
      this.running++
      this.active.add(teamId)
      void this.process(teamId).finally(() => {
        this.running--
        this.active.delete(teamId)
        this.pump()
        if (this.running === 0 && this.waiting.length === 0) for (const done of this.idleWaiters.splice(0)) done()
      })
    }
  }

  private challengeOf(team: Team): Challenge {
    return this.deps.store.challenges.get(team.challengeId)!
  }

  private setStatus(team: Team, submissionId: number, status: SubmissionStatus, code: string | null, reason: string | null): void {
    const { store, events } = this.deps
    store.db.transaction(() => {
      store.submissions.setStatus(submissionId, status, code, reason)
      store.audit.record({
        challengeId: team.challengeId,
        teamId: team.id,
        action: `submission.${status}`,
        detail: reason ?? ''
      })
    })()
    events.emit({ type: 'submission.status', challengeId: team.challengeId, teamId: team.id, status, ...(reason ? { reason } : {}) })
  }

  private async process(teamId: number): Promise<void> {
    const { store } = this.deps
    const team = store.teams.get(teamId)!
    const submission = store.submissions.latestForTeam(teamId)!
    try {
      await this.intake(team, submission.id)
    } catch (error) {
      // Our bug, not the team's: record it and keep the queue going.
      const message = errorText(error)
      this.setStatus(team, submission.id, 'failed', 'INTERNAL', `Podium failed: ${message}`)
    }
  }

  private async intake(team: Team, submissionId: number): Promise<void> {
    const { store, dataDir, events } = this.deps
    const challenge = this.challengeOf(team)
    this.setStatus(team, submissionId, 'fetching', null, `fetching ${team.repo} at ${challenge.entryTag}`)

    const workDir = join(dataDir, 'fetch', `submission-${submissionId}`)
    const filesDir = join(dataDir, 'predictions', `submission-${submissionId}`)
    rmSync(workDir, { recursive: true, force: true })
    rmSync(filesDir, { recursive: true, force: true })
    mkdirSync(filesDir, { recursive: true })
    const files = new Map<string, string>()
    let validating = false
    const witness = store.witnesses.first(team.id, challenge.entryTag)
    const jobId = `intake-${submissionId}`

    const report: CheckReport = await checkRepo({
      repo: team.repo,
      tag: challenge.entryTag,
      deadline: challenge.deadline,
      predictionsRef: this.deps.predictionsRef ?? 'HEAD',
      workDir,
      now: this.deps.now?.() ?? new Date(),
      modelGlobs: challenge.config.modelGlobs,
      requiredFiles: requiredFilePatterns(challenge.config),
      required: requiredMode(challenge.config),
      domains: challenge.config.domains,
      // Capture each prediction file for the scorers; their validation happens on the pool.
      validatePrediction: (path, content) => {
        if (!slotOf(challenge.config, path)) return null
        const target = join(filesDir, basename(path))
        writeFileSync(target, content)
        files.set(basename(path), target)
        return null
      },
      ...(witness?.tagObject && witness.commit
        ? { witness: { tagObject: witness.tagObject, commit: witness.commit, seenAt: witness.seenAt } }
        : {}),
      onProgress: (p) => {
        if (p.phase === 'checking' && !validating) {
          validating = true
          this.setStatus(team, submissionId, 'validating', null, 'checking dates, provenance, licence and files')
        }
        events.emit({
          type: 'progress',
          jobId,
          label: `${team.name}: ${p.message}`,
          done: p.loaded ?? 0,
          total: p.total ?? 0,
          teamId: team.id,
          submissionId
        })
      }
    })

    const fatal = report.problems.find((p) => FATAL.has(p.code))
    if (fatal || files.size === 0) {
      const why = fatal ?? problem('REQUIRED_FILE_MISSING', `No prediction file found in ${team.repo}.`)
      store.db.transaction(() => {
        store.submissions.setReport(submissionId, report)
        this.setStatus(team, submissionId, 'failed', why.code, why.message)
      })()
      return
    }

    this.setStatus(team, submissionId, 'scoring', null, `scoring ${files.size} prediction files`)
    const outcome = await scoreSubmission({ store, pool: this.deps.pool, events, dataDir }, challenge, submissionId, files, {
      label: `Scoring ${team.name}`,
      teamId: team.id
    })
    for (const failure of outcome.failures) {
      // The file's path lets the failure count against its own category and domain only.
      const file = report.entry?.attempted.find((f) => f.categoryId === failure.categoryId && f.domain === failure.domain)
      report.problems.push(problem('INVALID_PREDICTION_FILE', failure.message, file?.paths?.[0]))
    }
    report.problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
    report.ok = !report.problems.some((p) => p.severity === 'error')
    const worst = report.problems.find((p) => p.severity === 'error')
    store.db.transaction(() => {
      store.submissions.setReport(submissionId, report)
      this.setStatus(
        team,
        submissionId,
        'done',
        worst?.code ?? null,
        worst ? worst.message : `scored ${outcome.scored} prediction file${outcome.scored === 1 ? '' : 's'}; all checks passed`
      )
    })()
  }
}
