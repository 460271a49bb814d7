// `significance.compare`: paired tests between the top entries of one category and domain,
// run chunk by chunk on the worker pool with progress events and cancellation.
import { setMaxListeners } from 'node:events'
import { ApiError } from '../../shared/api'
import type { Challenge } from '../../shared/challenge'
import {
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  DEFAULT_TOP,
  MAX_RESAMPLES,
  type PaperResultsView,
  type SignificanceEntry,
  type SignificanceRequest,
  type SignificanceResult
} from '../../shared/significance'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import { prepareInput, supportsSignificance } from '../ranking/significance-data'
import { mergeChunks, planChunks, runChunk, type ChunkOutput } from '../ranking/significance-merge'
import { paperResults } from '../reports/paper-results'
import type { ScoringPool } from '../scoring/pool'
import { leaderboardFor, loadBoardData } from './leaderboard-query'

export interface SignificanceDeps {
  store: Store
  events?: EventBus
  /** Without a pool the chunks run in this thread (still chunked: same numbers). */
  pool?: ScoringPool
}

export const MAX_TOP = 30

export interface CheckedRequest {
  categoryId: string
  domain: string
  resamples: number
  seed: number
  top: number
  anonymized: boolean
}

const integerIn = (value: unknown, field: string, min: number, max: number, fallback: number): number => {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError('BAD_REQUEST', `request.${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return value
}

export function checkRequest(challenge: Challenge, req: SignificanceRequest): CheckedRequest {
  const category = challenge.config.categories.find((c) => c.id === req.categoryId)
  if (!category) {
    const known = challenge.config.categories.map((c) => c.id).join(', ')
    throw new ApiError(
      'BAD_REQUEST',
      `request.categoryId: challenge ${challenge.slug} has no category ${JSON.stringify(req.categoryId)} (${known})`
    )
  }
  if (!supportsSignificance(category.task)) {
    throw new ApiError('BAD_REQUEST', `request.categoryId: ${category.id} (${category.task}) has no per-example metric to resample`)
  }
  if (typeof req.domain !== 'string' || !challenge.config.domains.includes(req.domain)) {
    throw new ApiError(
      'BAD_REQUEST',
      `request.domain must be one of ${challenge.config.domains.join(', ')} (paired tests need one gold set), got ${JSON.stringify(req.domain)}`
    )
  }
  return {
    categoryId: category.id,
    domain: req.domain,
    resamples: integerIn(req.resamples, 'resamples', 1, MAX_RESAMPLES, DEFAULT_RESAMPLES),
    seed: integerIn(req.seed, 'seed', 0, 4294967295, DEFAULT_SEED),
    top: integerIn(req.top, 'top', 2, MAX_TOP, DEFAULT_TOP),
    anonymized: req.anonymized !== false
  }
}

export async function compareEntries(
  deps: SignificanceDeps,
  challenge: Challenge,
  req: SignificanceRequest,
  signal?: AbortSignal
): Promise<SignificanceResult> {
  const checked = checkRequest(challenge, req)
  const { categoryId, domain, resamples, seed, top } = checked
  const category = challenge.config.categories.find((c) => c.id === categoryId)!
  const data = loadBoardData(deps.store, challenge)
  const board = leaderboardFor(data, challenge, categoryId, domain, {
    anonymized: checked.anonymized,
    method: 'winner-rule',
    seSource: 'best'
  })
  const evaluationOf = (teamId: number) =>
    data.evaluations.find((e) => e.teamId === teamId && e.task === category.task && e.domain === domain)
  const rows = board.rows.filter((row) => !row.baseline && evaluationOf(row.teamId)).slice(0, top)
  if (rows.length < 2) {
    throw new ApiError('BAD_REQUEST', `${categoryId} / ${domain}: fewer than two scored entries to compare (${rows.length})`)
  }
  const evaluations = rows.map((row) => evaluationOf(row.teamId)!)
  const entries: SignificanceEntry[] = rows.map((row, i) => ({
    team: row.label,
    teamId: row.teamId,
    evaluationId: evaluations[i]!.id,
    rank: row.rank,
    eligible: row.eligible
  }))
  const prepared = prepareInput(
    category.task,
    rows.map((row, i) => ({
      name: row.label,
      examples: deps.store.evaluations.examples({ evaluationId: evaluations[i]!.id }, Number.MAX_SAFE_INTEGER)
    })),
    category.priority.map((p) => p.metric)
  )
  const { input } = prepared

  const tasks = planChunks(resamples)
  // Each queued chunk listens for the abort.
  if (signal) setMaxListeners(tasks.length + 10, signal)
  const outputs = new Array<ChunkOutput>(tasks.length)
  const jobId = req.jobId ?? `significance-${challenge.id}-${categoryId}-${domain}`
  const label = `Significance ${categoryId} / ${domain} (${resamples} resamples)`
  let done = 0
  const progress = (): void => deps.events?.emit({ type: 'progress', jobId, label, done, total: tasks.length })
  progress()
  await Promise.all(
    tasks.map(async (task, i) => {
      if (signal?.aborted) throw cancelledError()
      outputs[i] = deps.pool
        ? await deps.pool.runChunk({ kind: 'significance-chunk', input, seed, resamples, task }, { signal }).catch((error: unknown) => {
            throw signal?.aborted ? cancelledError() : error
          })
        : runChunk(input, seed, resamples, task)
      done++
      progress()
    })
  )
  if (signal?.aborted) throw cancelledError()

  const merged = mergeChunks(
    input,
    resamples,
    outputs.filter((_, i) => tasks[i]!.test === 'bootstrap') as Float64Array[],
    outputs.filter((_, i) => tasks[i]!.test === 'randomization') as Int32Array[],
    {
      stderr: input.metrics.map((spec) => evaluations.map((e) => e.stderr[spec.metric] ?? null)),
      priority: category.priority,
      eligible: entries.map((e) => e.eligible),
      seSource: 'best'
    }
  )
  return {
    challengeId: challenge.id,
    categoryId,
    domain,
    task: category.task,
    seed,
    resamples,
    unit: prepared.unit,
    units: input.units,
    entries,
    ...merged,
    notes: prepared.notes
  }
}

const cancelledError = (): ApiError => new ApiError('CANCELLED', 'the significance run was cancelled')

/** Runs by job id, so `significance.cancel` can stop one. */
export class SignificanceRuns {
  private readonly running = new Map<string, AbortController>()

  async run(deps: SignificanceDeps, challenge: Challenge, req: SignificanceRequest): Promise<SignificanceResult> {
    const controller = new AbortController()
    const jobId = req.jobId
    if (jobId) {
      this.running.get(jobId)?.abort()
      this.running.set(jobId, controller)
    }
    try {
      return await compareEntries(deps, challenge, req, controller.signal)
    } finally {
      if (jobId && this.running.get(jobId) === controller) this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    controller?.abort()
    return controller !== undefined
  }
}

/** The paper-ready section of a comparison; the files record the seed and the resamples. */
export function paperView(challenge: Challenge, result: SignificanceResult): PaperResultsView {
  const category = challenge.config.categories.find((c) => c.id === result.categoryId)!
  return {
    ...paperResults(
      result,
      category.priority.map((p) => p.metric),
      challenge.name
    ),
    seed: result.seed,
    resamples: result.resamples,
    fileBase: `${challenge.slug}-${result.categoryId}-${result.domain}`
  }
}
