// The I/O edge of scoring: read the two files, hand their text to the pure scorer.
import { isUtf8 } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ScoreResult, ScoreTask, TokenizerSetting } from '../../shared/scoring'
import { resourcesDir } from '../paths'
import { InputError } from './input-error'
import { checkInputFile } from './input-limits'
import { loadPunktModel } from './nltk/punkt-model'
import type { PunktModel } from './nltk/punkt'
import { scoreText, type ScoringResources } from './registry'
import { firstInvalidUtf8 } from './utf8'

export interface ScoreFilesJob {
  task: ScoreTask
  goldPath: string
  predPath: string
  singleRound: boolean
  /** BLEU word tokenization (generation only); the scorer's default when absent. */
  tokenizer?: TokenizerSetting
  /** Subtask 3 line format: the dialog-level gold naming each line's dialog and turn (labels only; skipped when unreadable). */
  dialogsPath?: string
}

let punkt: PunktModel | undefined
/** Loaded on first use: only the generation scorer needs the tokenizer tables. */
export const defaultResources: ScoringResources = {
  punkt: () => (punkt ??= loadPunktModel(join(resourcesDir(), 'nltk-punkt-english')))
}

/** A file's text; not found, a directory or bytes that are not UTF-8 are InputErrors naming the file. */
export function readInput(path: string, role: string): string {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(error)
    throw new InputError(path, '', `cannot read the ${role} file: ${why}`)
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes)
    const hex = bytes[at]!.toString(16).padStart(2, '0')
    throw new InputError(path, `byte ${at}`, `not valid UTF-8 (byte 0x${hex}): save the ${role} file as UTF-8`)
  }
  return bytes.toString('utf8')
}

/** A file that only labels examples: missing or unreadable means no labels, never a failed score. */
function readOptional(path: string): string | undefined {
  try {
    return readInput(path, 'dialog-level gold')
  } catch {
    return undefined
  }
}

export function scoreFiles(job: ScoreFilesJob, resources: ScoringResources = defaultResources): ScoreResult {
  checkInputFile(job.goldPath, 'gold')
  checkInputFile(job.predPath, 'prediction')
  const gold = readInput(job.goldPath, 'gold')
  const pred = readInput(job.predPath, 'prediction')
  const dialogs = job.dialogsPath === undefined ? undefined : readOptional(job.dialogsPath)
  return scoreText(
    job.task,
    gold,
    pred,
    {
      singleRound: job.singleRound,
      goldName: basename(job.goldPath),
      predName: basename(job.predPath),
      ...(job.tokenizer ? { tokenizer: job.tokenizer } : {}),
      ...(dialogs !== undefined ? { dialogs } : {})
    },
    resources
  )
}
