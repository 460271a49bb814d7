// Scores one submission's prediction files on the worker pool and stores every
// evaluation (with its per-example results) in one transaction.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Challenge } from '../../shared/challenge'
import type { ScoreResult } from '../../shared/scoring'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import type { ScoringPool } from '../scoring/pool'
import { planScoring, type MissingPrediction } from './scoring-plan'

export interface ScoringOutcome {
  scored: number
  failures: Array<{ categoryId: string; domain: string; message: string }>
  missing: MissingPrediction[]
}

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

export async function scoreSubmission(
  deps: { store: Store; pool: ScoringPool; events: EventBus; dataDir: string },
  challenge: Challenge,
  submissionId: number,
  files: ReadonlyMap<string, string>,
  job: { label: string; teamId: number }
): Promise<ScoringOutcome> {
  const { jobs, missing } = planScoring(challenge, deps.dataDir, files)
  const jobId = `score-${submissionId}`
  const progress = (done: number, total: number): void =>
    deps.events.emit({ type: 'progress', jobId, label: job.label, done, total, teamId: job.teamId, submissionId })
  progress(0, jobs.length)
  const results = await deps.pool.runAll(
    jobs.map((j) => j.job),
    progress
  )
  const failures: ScoringOutcome['failures'] = []
  const scored: Array<{ domain: string; sha: string; result: ScoreResult }> = []
  results.forEach(({ result, error }, i) => {
    const planned = jobs[i]!
    if (result) scored.push({ domain: planned.domain, sha: sha256File(planned.job.predPath), result })
    else failures.push({ categoryId: planned.categoryId, domain: planned.domain, message: error!.message })
  })
  deps.store.db.transaction(() => {
    for (const { domain, sha, result } of scored) {
      deps.store.evaluations.save(submissionId, domain, challenge.config.singleRound, sha, result)
    }
  })()
  return { scored: scored.length, failures, missing }
}
