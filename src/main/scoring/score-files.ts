// The I/O edge of scoring: read the two files, hand their text to the pure scorer.
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ScoreResult, ScoreTask, TokenizerSetting } from '../../shared/scoring'
import { resourcesDir } from '../paths'
import { InputError } from './input-error'
import { checkInputFile } from './input-limits'
import { loadPunktModel } from './nltk/punkt-model'
import type { PunktModel } from './nltk/punkt'
import { scoreText, type ScoringResources } from './registry'

export interface ScoreFilesJob {
  task: ScoreTask
  goldPath: string
  predPath: string
  singleRound: boolean
  /** BLEU word tokenization (generation only); the scorer's default when absent. */
  tokenizer?: TokenizerSetting
}

let punkt: PunktModel | undefined
/** Loaded on first use: only the generation scorer needs the tokenizer tables. */
export const defaultResources: ScoringResources = {
  punkt: () => (punkt ??= loadPunktModel(join(resourcesDir(), 'nltk-punkt-english')))
}

export function readInput(path: string, role: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(error)
    throw new InputError(path, '', `cannot read the ${role} file: ${why}`)
  }
}

export function scoreFiles(job: ScoreFilesJob, resources: ScoringResources = defaultResources): ScoreResult {
  checkInputFile(job.goldPath, 'gold')
  checkInputFile(job.predPath, 'prediction')
  const gold = readInput(job.goldPath, 'gold')
  const pred = readInput(job.predPath, 'prediction')
  return scoreText(
    job.task,
    gold,
    pred,
    {
      singleRound: job.singleRound,
      goldName: basename(job.goldPath),
      predName: basename(job.predPath),
      ...(job.tokenizer ? { tokenizer: job.tokenizer } : {})
    },
    resources
  )
}
