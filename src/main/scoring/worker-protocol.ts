import type { InputProblem, ScoreResult } from '../../shared/scoring'
import type { SignificanceChunkJob } from '../ranking/significance-job'
import type { ChunkOutput } from '../ranking/significance-merge'
import type { ScoreFilesJob } from './score-files'

/** What a worker runs: score two files, or one chunk of a significance run. */
export type WorkerJob = ScoreFilesJob | SignificanceChunkJob

export interface WorkerRequest {
  id: number
  job: WorkerJob
}

export type WorkerReply =
  | { id: number; ok: true; result: ScoreResult | ChunkOutput }
  | { id: number; ok: false; error: { kind: 'input' | 'crash'; message: string; problem?: InputProblem } }
