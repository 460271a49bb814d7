// A small pool of scoring worker threads. One job per worker at a time; a job that
// crashes, is cancelled or runs over the time limit takes down only its own worker, which is
// then replaced: a pathological file (quadratic parsing, say) never stalls the queue behind it.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { InputProblem, ScoreResult } from '../../shared/scoring'
import { appRoot } from '../paths'
import { describeChunk, type SignificanceChunkJob } from '../ranking/significance-job'
import type { ChunkOutput } from '../ranking/significance-merge'
import type { ScoreFilesJob } from './score-files'
import type { WorkerJob, WorkerReply, WorkerRequest } from './worker-protocol'

export class ScoringJobError extends Error {
  constructor(
    readonly kind: 'input' | 'crash' | 'cancelled' | 'timeout',
    message: string,
    readonly problem?: InputProblem
  ) {
    super(message)
    this.name = 'ScoringJobError'
  }
}

interface Task {
  id: number
  job: WorkerJob
  resolve(result: ScoreResult | ChunkOutput): void
  reject(error: ScoringJobError): void
  signal?: AbortSignal
}

interface Slot {
  worker: Worker
  task?: Task
  timer?: NodeJS.Timeout
  /** The thread runs: the time limit counts scoring, not a worker's start-up. */
  online: boolean
}

/** How long one file may take to score (the slowest official-size file takes seconds); PODIUM_SCORING_TIME_LIMIT_S changes it. */
export const DEFAULT_TIME_LIMIT_MS = 60_000

function timeLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.PODIUM_SCORING_TIME_LIMIT_S)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIME_LIMIT_MS
}

/**
 * Young generation of each scoring worker, in MB (V8 splits it into two semi-spaces of a third
 * each). Scoring allocates millions of short-lived objects (parsed JSON, frames, per-example
 * results); V8's default young generation (48 MB on 64-bit) fills many times per file and
 * every scavenge copies what is still alive. 192 MB cuts warm subtask 3 scoring by about a
 * third (bench/RESULTS.md); the space is only taken as a scoring run fills it.
 */
export const SCORING_YOUNG_GENERATION_MB = 192

/** The bundled worker entry (electron-vite builds it next to the main entries). */
export const defaultWorkerPath = (): string => join(appRoot(), 'out', 'main', 'worker.js')

export class ScoringPool {
  private readonly queue: Task[] = []
  private readonly slots: Slot[] = []
  private nextId = 1
  private closed = false
  readonly size: number
  private readonly workerPath: string
  readonly timeLimitMs: number

  constructor(options: { size?: number; workerPath?: string; timeLimitMs?: number } = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism())
    this.workerPath = options.workerPath ?? defaultWorkerPath()
    this.timeLimitMs = options.timeLimitMs ?? timeLimitFromEnv()
  }

  /** Scores one job; it fails (kind `timeout`) when it runs longer than the pool's time limit. */
  run(job: ScoreFilesJob, options: { signal?: AbortSignal } = {}): Promise<ScoreResult> {
    return this.submit(job, options) as Promise<ScoreResult>
  }

  /** One chunk of a significance run (src/main/ranking/significance-*), on the same workers. */
  runChunk(job: SignificanceChunkJob, options: { signal?: AbortSignal } = {}): Promise<ChunkOutput> {
    return this.submit(job, options) as Promise<ChunkOutput>
  }

  private submit(job: WorkerJob, options: { signal?: AbortSignal }): Promise<ScoreResult | ChunkOutput> {
    if (this.closed) return Promise.reject(new ScoringJobError('cancelled', 'the scoring pool is closed'))
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, job, resolve, reject, signal: options.signal }
      if (options.signal?.aborted) return reject(cancelled(job))
      options.signal?.addEventListener('abort', () => this.cancel(task), { once: true })
      this.queue.push(task)
      this.pump()
    })
  }

  /** Runs every job; reports progress after each finishes. Failures are returned, not thrown. */
  async runAll(
    jobs: ScoreFilesJob[],
    onProgress?: (done: number, total: number, job: ScoreFilesJob) => void,
    signal?: AbortSignal
  ): Promise<Array<{ job: ScoreFilesJob; result?: ScoreResult; error?: ScoringJobError }>> {
    let done = 0
    return Promise.all(
      jobs.map((job) =>
        this.run(job, { signal })
          .then(
            (result) => ({ job, result }),
            (error: ScoringJobError) => ({ job, error })
          )
          .finally(() => onProgress?.(++done, jobs.length, job))
      )
    )
  }

  async close(): Promise<void> {
    this.closed = true
    for (const slot of this.slots) clearTimeout(slot.timer)
    for (const task of this.queue.splice(0)) task.reject(cancelled(task.job))
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()))
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task)
      if (!slot && this.slots.length < this.size) slot = this.spawn()
      if (!slot) return
      const task = this.queue.shift()!
      slot.task = task
      if (slot.online) this.startClock(slot)
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies WorkerRequest)
    }
  }

  private startClock(slot: Slot): void {
    const task = slot.task
    if (task) slot.timer = setTimeout(() => this.stopOverdue(slot, task), this.timeLimitMs)
  }

  /** The job ran over the time limit: its worker is terminated (and replaced on demand), the queue goes on. */
  private stopOverdue(slot: Slot, task: Task): void {
    if (slot.task !== task) return
    this.finish(slot)
    this.replace(slot)
    task.reject(
      new ScoringJobError(
        'timeout',
        `scoring stopped after ${formatSeconds(this.timeLimitMs)}: ${describe(task.job)} took longer than the limit for one file`
      )
    )
    this.pump()
  }

  /** Frees the slot of its task and the task's timer. */
  private finish(slot: Slot): void {
    clearTimeout(slot.timer)
    slot.timer = undefined
    slot.task = undefined
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(this.workerPath, { resourceLimits: { maxYoungGenerationSizeMb: SCORING_YOUNG_GENERATION_MB } }),
      online: false
    }
    slot.worker.once('online', () => {
      slot.online = true
      this.startClock(slot)
    })
    slot.worker.on('message', (reply: WorkerReply) => {
      const task = slot.task
      if (!task || task.id !== reply.id) return
      this.finish(slot)
      if (reply.ok) task.resolve(reply.result)
      else task.reject(new ScoringJobError(reply.error.kind, reply.error.message, reply.error.problem))
      this.pump()
    })
    const fail = (message: string): void => {
      const task = slot.task
      this.finish(slot)
      this.replace(slot)
      task?.reject(new ScoringJobError('crash', `${describe(task.job)}: worker failed: ${message}`))
      this.pump()
    }
    slot.worker.on('error', (error) => fail(error.message))
    slot.worker.on('exit', (code) => {
      if (slot.task) fail(`exited with code ${code}`)
    })
    this.slots.push(slot)
    return slot
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot)
    if (index >= 0) this.slots.splice(index, 1)
    void slot.worker.terminate()
  }

  private cancel(task: Task): void {
    const queued = this.queue.indexOf(task)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      task.reject(cancelled(task.job))
      return
    }
    const slot = this.slots.find((s) => s.task === task)
    if (!slot) return
    this.finish(slot)
    this.replace(slot)
    task.reject(cancelled(task.job))
    this.pump()
  }
}

const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`
const describe = (job: WorkerJob): string => ('kind' in job ? describeChunk(job) : `${job.task} on ${job.predPath}`)
const cancelled = (job: WorkerJob): ScoringJobError => new ScoringJobError('cancelled', `${describe(job)}: cancelled`)
