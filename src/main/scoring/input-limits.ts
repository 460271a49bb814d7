// What a scorer agrees to read: a regular file of bounded size. `/dev/zero`, a pipe or a huge file is
// refused before reading (reading it would grow the process to gigabytes, or never end).
import { statSync } from 'node:fs'
import { InputError } from './input-error'

/** 256 MiB: far above the official SIMMC and ConvAI2 files; PODIUM_MAX_INPUT_MB changes it. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024

export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.PODIUM_MAX_INPUT_MB)
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_INPUT_BYTES
}

const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`

/** Refuses a path that is not a regular file or is larger than the limit. A missing file is left to the reader's message. */
export function checkInputFile(path: string, role: string, limit = maxInputBytes()): void {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return
  }
  if (stats.isDirectory()) return
  if (!stats.isFile()) throw new InputError(path, '', `cannot read the ${role} file: not a regular file (a device, pipe or socket)`)
  if (stats.size > limit) {
    throw new InputError(path, '', `the ${role} file is ${megabytes(stats.size)}, over the ${megabytes(limit)} limit (PODIUM_MAX_INPUT_MB)`)
  }
}
