// A small pool of scoring worker threads. One job per worker at a time; a job that
// crashes or is cancelled takes down only its own worker, which is then replaced.
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
    readonly kind: 'input' | 'crash' | 'cancelled',
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
}

/** The bundled worker entry (electron-vite builds it next to the main entries). */
export const defaultWorkerPath = (): string => join(appRoot(), 'out', 'main', 'worker.js')

export class ScoringPool {
  private readonly queue: Task[] = []
  private readonly slots: Slot[] = []
  private nextId = 1
  private closed = false
  readonly size: number
  private readonly workerPath: string

  constructor(options: { size?: number; workerPath?: string } = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism())
    this.workerPath = options.workerPath ?? defaultWorkerPath()
  }

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
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies WorkerRequest)
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerPath) }
    slot.worker.on('message', (reply: WorkerReply) => {
      const task = slot.task
      if (!task || task.id !== reply.id) return
      slot.task = undefined
      if (reply.ok) task.resolve(reply.result)
      else task.reject(new ScoringJobError(reply.error.kind, reply.error.message, reply.error.problem))
      this.pump()
    })
    const fail = (message: string): void => {
      this.replace(slot)
      slot.task?.reject(new ScoringJobError('crash', `${describe(slot.task.job)}: worker failed: ${message}`))
      slot.task = undefined
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
    slot.task = undefined
    this.replace(slot)
    task.reject(cancelled(task.job))
    this.pump()
  }
}

const describe = (job: WorkerJob): string => ('kind' in job ? describeChunk(job) : `${job.task} on ${job.predPath}`)
const cancelled = (job: WorkerJob): ScoringJobError => new ScoringJobError('cancelled', `${describe(job)}: cancelled`)
