import type { InputProblem, ScoreResult } from '../../shared/scoring'
import type { ScoreFilesJob } from './score-files'

export interface WorkerRequest {
  id: number
  job: ScoreFilesJob
}

export type WorkerReply =
  | { id: number; ok: true; result: ScoreResult }
  | { id: number; ok: false; error: { kind: 'input' | 'crash'; message: string; problem?: InputProblem } }
