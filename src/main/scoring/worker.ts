// A scoring worker thread: receives jobs, runs the pure scorer, posts back the result.
import { parentPort } from 'node:worker_threads'
import { runSignificanceChunk } from '../ranking/significance-job'
import { InputError } from './input-error'
import { scoreFiles } from './score-files'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

if (!parentPort) throw new Error('worker.ts must run in a worker thread')
const port = parentPort

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply
  try {
    reply = { id: request.id, ok: true, result: 'kind' in request.job ? runSignificanceChunk(request.job) : scoreFiles(request.job) }
  } catch (error) {
    reply =
      error instanceof InputError
        ? { id: request.id, ok: false, error: { kind: 'input', message: error.message, problem: error.toProblem() } }
        : {
            id: request.id,
            ok: false,
            error: { kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }
          }
  }
  port.postMessage(reply)
})
