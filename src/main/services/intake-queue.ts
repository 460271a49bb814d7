// The persistent intake queue: pending → fetching → validating → scoring → done | failed.
// Every state change is written to the database first, so a crash or quit never leaves a
// submission silently stuck: the next run (the app, `serve` or a CLI `intake`) resumes it.
// Each process claims a submission with a lease in the database before it works on it (see
// lease-rules.ts), so two processes on one data dir never process one submission twice.
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, join } from 'node:path'
import type { Challenge } from '../../shared/challenge'
import { problem, type CheckReport, type ProblemCode } from '../../shared/intake'
import type { SubmissionStatus, Team } from '../../shared/teams'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import { checkRepo } from '../intake/check-repo'
import type { ScoringPool } from '../scoring/pool'
import { goldFingerprints, requiredFilePatterns, requiredMode, slotOf } from './prediction-files'
import { FINAL_STATUSES, heldByOther, planClaim, processAlive, type LeaseOwner } from './lease-rules'
import { scoreSubmission } from './scoring-service'
import { pauseForTest } from './test-pause'
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
  /** Where the predictions live for a team without its own refs: the default branch's head. */
  predictionsRef?: string
  concurrency?: number
  /** This process in other processes' messages, e.g. "podium serve"; guessed from the command line otherwise. */
  processLabel?: string
  /** How long a lease lasts unless renewed (it is renewed every third of that while this process runs). */
  leaseMs?: number
  /** How often to look again at a team another process is working on. */
  pollMs?: number
  /** Injected for tests: whether a process of this host exists. */
  isAlive?: (pid: number) => boolean
}

/** This process no longer holds the submission's lease (it was stopped, or another process took over). */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError'
}

const DEFAULT_LEASE_MS = 60_000

const guessProcessLabel = (): string =>
  process.versions.electron ? 'the Podium app' : `podium ${process.argv.slice(2).find((a) => !a.startsWith('-')) ?? ''}`.trim()

export function leaseOwnerForThisProcess(label = guessProcessLabel()): LeaseOwner {
  return {
    id: `${process.pid}-${randomBytes(6).toString('hex')}`,
    pid: process.pid,
    host: hostname(),
    holder: `${label} (pid ${process.pid})`
  }
}

interface Queued {
  teamId: number
  submissionId: number
}

export class IntakeQueue {
  readonly owner: LeaseOwner
  private readonly waiting: Queued[] = []
  /** Teams being processed now: queuing them again would start a second submission. */
  private readonly active = new Set<number>()
  /** Teams whose latest submission another live process is working on → that submission's id. */
  private readonly blocked = new Map<number, number>()
  private running = 0
  private idleWaiters: Array<() => void> = []
  private closed = false
  private heartbeat: NodeJS.Timeout | undefined
  private poller: NodeJS.Timeout | undefined

  constructor(private readonly deps: IntakeDeps) {
    this.owner = leaseOwnerForThisProcess(deps.processLabel)
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? DEFAULT_LEASE_MS
  }

  private isAlive(pid: number): boolean {
    return (this.deps.isAlive ?? processAlive)(pid)
  }

  /**
   * Queues the teams; a team already queued or running here is not queued twice, and a team another
   * process is working on is waited for (taken over if that process dies). Returns how many were queued.
   */
  enqueue(teamIds: number[]): number {
    let queued = 0
    for (const teamId of teamIds) {
      if (this.closed) break
      if (this.waiting.some((w) => w.teamId === teamId) || this.active.has(teamId) || this.blocked.has(teamId)) continue
      const team = this.deps.store.teams.get(teamId)
      if (team && this.claim(team) === 'queued') queued++
    }
    this.pump()
    this.schedule()
    return queued
  }

  /**
   * On start: every submission a crash, kill or quit left unfinished (in any process) is queued again;
   * one another live process still works on is waited for. Returns how many were taken over now.
   */
  recoverInterrupted(): number {
    const now = Date.now()
    const unfinished = this.deps.store.leases.interrupted()
    const free = unfinished.filter((s) => !heldByOther(s.lease, this.owner, now, (pid) => this.isAlive(pid)))
    this.enqueue([...new Set(unfinished.map((s) => s.teamId))])
    return free.length
  }

  /** Resolves when nothing is queued, running, or waited for in another process. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Stops taking work and hands back every submission this process holds: each goes back to pending
   * (the next run resumes it) and its lease is released at once, so another process need not wait.
   */
  close(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.heartbeat)
    clearInterval(this.poller)
    const { store } = this.deps
    for (const submissionId of store.leases.heldBy(this.owner)) {
      const submission = store.submissions.get(submissionId)
      const team = submission && store.teams.get(submission.teamId)
      if (!submission || !team) continue
      store.db.transaction(() => {
        if (!FINAL_STATUSES.has(submission.status)) {
          store.submissions.setStatus(submissionId, 'pending', 'RESUMED', `stopped while ${submission.status}; resumes on the next run`)
          store.audit.record({
            challengeId: team.challengeId,
            teamId: team.id,
            action: 'intake.stopped',
            detail: `submission ${submissionId} was ${submission.status} when ${this.owner.holder} stopped`
          })
        }
        store.leases.release(submissionId, this.owner)
      })()
    }
    this.waiting.length = 0
    this.blocked.clear()
    for (const done of this.idleWaiters.splice(0)) done()
  }

  private isIdle(): boolean {
    return this.running === 0 && this.waiting.length === 0 && this.blocked.size === 0
  }

  private settle(): void {
    this.schedule()
    if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done()
  }

  /**
   * Claims the team's work in one immediate transaction (no other process can write in between):
   * resumes or reuses its unfinished submission, or creates one; marks older unfinished ones superseded.
   */
  private claim(team: Team, waitedFor?: number): 'queued' | 'busy' | 'finished' {
    const { store, events } = this.deps
    const now = Date.now()
    const alive = (pid: number): boolean => this.isAlive(pid)
    const plan = store.db
      .transaction(() => {
        const latest = store.submissions.latestForTeam(team.id)
        // Waiting for another process: once its submission is final, that is the team's result (decided in
        // this transaction, so a submission finished a moment ago is never followed by a second one).
        if (waitedFor !== undefined && (!latest || latest.id !== waitedFor || FINAL_STATUSES.has(latest.status))) {
          return { kind: 'finished' as const }
        }
        const plan = planClaim(
          latest && { id: latest.id, status: latest.status, lease: store.leases.lease(latest.id)! },
          this.owner,
          now,
          alive
        )
        if (plan.kind === 'busy') return plan
        const submissionId = plan.kind === 'new' ? store.submissions.create(team.id, this.challengeOf(team).entryTag) : plan.submissionId
        for (const older of store.leases.unfinished(team.id)) {
          if (older.id >= submissionId || heldByOther(older.lease, this.owner, now, alive)) continue
          const why = `interrupted while ${older.status}; superseded by submission ${submissionId}`
          store.submissions.setStatus(older.id, 'failed', 'SUPERSEDED', why)
          store.leases.clear(older.id)
          store.audit.record({
            challengeId: team.challengeId,
            teamId: team.id,
            action: 'intake.superseded',
            detail: `submission ${older.id} ${why}`
          })
        }
        const previous = plan.kind === 'reuse' ? store.leases.lease(submissionId)!.holder : null
        store.leases.take(submissionId, this.owner, now + this.leaseMs)
        if (plan.kind === 'reuse' && plan.resumedFrom) {
          store.audit.record({
            challengeId: team.challengeId,
            teamId: team.id,
            action: 'intake.resumed',
            detail: `submission ${submissionId} was ${plan.resumedFrom} when ${previous ?? 'Podium'} stopped; resumed by ${this.owner.holder}`
          })
        }
        return { kind: 'claimed' as const, submissionId }
      })
      .immediate()
    if (plan.kind === 'finished') return 'finished'
    if (plan.kind === 'busy') {
      this.blocked.set(team.id, plan.submissionId)
      if (waitedFor !== undefined) return 'busy'
      const status = store.submissions.get(plan.submissionId)?.status ?? 'pending'
      events.emit({
        type: 'submission.status',
        challengeId: team.challengeId,
        teamId: team.id,
        status,
        reason: `being processed by ${plan.holder}; waiting for it`
      })
      return 'busy'
    }
    this.setStatus(team, plan.submissionId, 'pending', null, 'queued')
    this.waiting.push({ teamId: team.id, submissionId: plan.submissionId })
    return 'queued'
  }

  /** Renews this process's leases while it holds any; looks again at teams other processes work on. */
  private schedule(): void {
    const holding = this.running > 0 || this.waiting.length > 0
    if (holding && !this.heartbeat && !this.closed) {
      this.heartbeat = setInterval(() => this.deps.store.leases.renewAll(this.owner, Date.now() + this.leaseMs), this.leaseMs / 3)
      this.heartbeat.unref()
    } else if (!holding && this.heartbeat) {
      clearInterval(this.heartbeat)
      this.heartbeat = undefined
    }
    if (this.blocked.size > 0 && !this.poller && !this.closed) {
      // Not unref'd: a CLI waiting for another process must stay alive until that work is final.
      this.poller = setInterval(() => this.lookAgain(), this.deps.pollMs ?? 500)
    } else if (this.blocked.size === 0 && this.poller) {
      clearInterval(this.poller)
      this.poller = undefined
    }
  }

  private lookAgain(): void {
    const { store, events } = this.deps
    for (const [teamId, submissionId] of [...this.blocked]) {
      const team = store.teams.get(teamId)
      this.blocked.delete(teamId)
      if (!team || this.claim(team, submissionId) !== 'finished') continue
      // The other process finished it: that is this team's result, not a reason to process it again.
      const latest = store.submissions.latestForTeam(teamId)
      events.emit({
        type: 'submission.status',
        challengeId: team.challengeId,
        teamId,
        status: latest?.status ?? 'done',
        reason: `finished by another process: ${latest?.statusReason ?? ''}`
      })
    }
    this.pump()
    this.settle()
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 2
    while (!this.closed && this.running < limit && this.waiting.length > 0) {
      const next = this.waiting.shift()!
      this.running++
      this.active.add(next.teamId)
      void this.process(next).finally(() => {
        this.running--
        this.active.delete(next.teamId)
        this.pump()
        this.settle()
      })
    }
  }

  private challengeOf(team: Team): Challenge {
    return this.deps.store.challenges.get(team.challengeId)!
  }

  /** Writes a status only while this process holds the submission's lease; a final status releases it. */
  private setStatus(team: Team, submissionId: number, status: SubmissionStatus, code: string | null, reason: string | null): void {
    const { store, events } = this.deps
    store.db.transaction(() => {
      if (!store.leases.holds(submissionId, this.owner)) {
        throw new LeaseLostError(`submission ${submissionId} of ${team.name} is no longer held by ${this.owner.holder}`)
      }
      store.submissions.setStatus(submissionId, status, code, reason)
      store.audit.record({
        challengeId: team.challengeId,
        teamId: team.id,
        action: `submission.${status}`,
        detail: reason ?? ''
      })
      if (FINAL_STATUSES.has(status)) store.leases.release(submissionId, this.owner)
    })()
    events.emit({ type: 'submission.status', challengeId: team.challengeId, teamId: team.id, status, ...(reason ? { reason } : {}) })
  }

  private async process({ teamId, submissionId }: Queued): Promise<void> {
    const team = this.deps.store.teams.get(teamId)!
    try {
      await this.intake(team, submissionId)
    } catch (error) {
      // Stopped, or another process took the work over: it is theirs to finish.
      if (this.closed || error instanceof LeaseLostError) return
      // Our bug, not the team's: record it and keep the queue going.
      const message = errorText(error)
      try {
        this.setStatus(team, submissionId, 'failed', 'INTERNAL', `Podium failed: ${message}`)
      } catch {
        // The lease is gone too: the next run resumes the submission.
      }
    }
  }

  private async intake(team: Team, submissionId: number): Promise<void> {
    const { store, dataDir, events } = this.deps
    const challenge = this.challengeOf(team)
    this.setStatus(team, submissionId, 'fetching', null, `fetching ${team.repo} at ${challenge.entryTag}`)
    await pauseForTest('fetching', submissionId)

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
      // The organizer's refs for this team, searched in order; the remote HEAD when none was set.
      predictionsRefs: team.predictionRefs.length > 0 ? team.predictionRefs : [this.deps.predictionsRef ?? 'HEAD'],
      workDir,
      now: this.deps.now?.() ?? new Date(),
      modelGlobs: challenge.config.modelGlobs,
      requiredFiles: requiredFilePatterns(challenge.config),
      required: requiredMode(challenge.config),
      domains: challenge.config.domains,
      predictionChoices: team.predictionChoices,
      goldFingerprint: goldFingerprints(challenge.config, join(dataDir, challenge.config.goldDir)),
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

    if (validating) await pauseForTest('validating', submissionId)
    const fatal = report.problems.find((p) => FATAL.has(p.code))
    if (fatal || files.size === 0) {
      const why =
        fatal ??
        report.problems.find((p) => p.severity === 'error') ??
        problem('REQUIRED_FILE_MISSING', `No prediction file found in ${team.repo}.`)
      store.db.transaction(() => {
        store.submissions.setReport(submissionId, report)
        this.setStatus(team, submissionId, 'failed', why.code, why.message)
      })()
      return
    }

    this.setStatus(team, submissionId, 'scoring', null, `scoring ${files.size} prediction files`)
    await pauseForTest('scoring', submissionId)
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
