// One chunk of a significance run, as the worker pool carries it (structured-clone friendly).
import type { SignificanceInput } from './significance-core'
import { runChunk, type ChunkOutput, type ChunkTask } from './significance-merge'

export interface SignificanceChunkJob {
  kind: 'significance-chunk'
  input: SignificanceInput
  seed: number
  resamples: number
  task: ChunkTask
}

export const runSignificanceChunk = (job: SignificanceChunkJob): ChunkOutput => runChunk(job.input, job.seed, job.resamples, job.task)

export const describeChunk = (job: SignificanceChunkJob): string => `significance ${job.task.test} chunk ${job.task.chunk}`
