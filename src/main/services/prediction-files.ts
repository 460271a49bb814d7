// Prediction files by name: which category and domain a file belongs to, and how to
// validate it with the scorer of its task (the validators are the scorers' own parsers).
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ChallengeConfig } from '../../shared/challenge'
import { InputError } from '../scoring/input-error'
import { isScoreTask, scoreText } from '../scoring/registry'
import { defaultResources } from '../scoring/score-files'
import { parseJson } from '../scoring/json-input'
import { expandDomain, goldPatternFor } from './scoring-plan'
import type { RequirementPattern } from '../intake/required-files'
import { fingerprint, type Fingerprint } from '../intake/prediction-copies'

export interface PredictionSlot {
  categoryId: string
  task: string
  domain: string
  gold: string
}

/** The required-file patterns checkRepo expects (`a|b` for alternatives), one per category. */
export function requiredFilePatterns(config: ChallengeConfig): RequirementPattern[] {
  return config.categories.map((c) => ({ pattern: [c.file, ...(c.alternatives ?? [])].join('|'), categoryId: c.id, category: c.name }))
}

/** The challenge's `required` setting; partial entries ('any') unless it asks for every category. */
export const requiredMode = (config: ChallengeConfig): 'all' | 'any' => config.required ?? 'any'

export function slotOf(config: ChallengeConfig, path: string): PredictionSlot | null {
  const name = basename(path)
  for (const category of config.categories) {
    for (const domain of config.domains) {
      const names = [category.file, ...(category.alternatives ?? [])].map((p) => expandDomain(p, domain))
      if (names.includes(name)) {
        return { categoryId: category.id, task: category.task, domain, gold: expandDomain(goldPatternFor(config, category, name), domain) }
      }
    }
  }
  return null
}

/**
 * A validator for checkRepo. With the gold files at hand it runs the task's scorer, which
 * rejects every malformed input with the JSON path; without gold it checks the JSON syntax.
 */
export function predictionValidator(config: ChallengeConfig, goldRoot: string | null) {
  return (path: string, content: string): string | null => {
    const slot = slotOf(config, path)
    if (!slot) return null
    try {
      const goldPath = goldRoot ? join(goldRoot, slot.domain, slot.gold) : null
      if (goldPath && existsSync(goldPath) && isScoreTask(slot.task)) {
        scoreText(
          slot.task,
          readFileSync(goldPath, 'utf8'),
          content,
          {
            singleRound: config.singleRound,
            goldName: basename(goldPath),
            predName: basename(path),
            ...(config.tokenizer ? { tokenizer: config.tokenizer } : {})
          },
          defaultResources
        )
      } else if (path.endsWith('.json')) {
        parseJson(content, basename(path))
      }
      return null
    } catch (error) {
      if (error instanceof InputError) return error.path ? `at ${error.path}: ${error.problem}` : error.problem
      throw error
    }
  }
}

/**
 * The gold's dialog ids (or line count) for a prediction file, read once per gold file: lets intake tell a
 * test-std copy of a prediction file from a devtest one. null when the file is not the challenge's or the gold is absent.
 */
export function goldFingerprints(config: ChallengeConfig, goldRoot: string): (path: string) => Fingerprint | null {
  const cache = new Map<string, Fingerprint | null>()
  return (path) => {
    const slot = slotOf(config, path)
    if (!slot) return null
    const goldPath = join(goldRoot, slot.domain, slot.gold)
    if (!cache.has(goldPath)) cache.set(goldPath, existsSync(goldPath) ? fingerprint(readFileSync(goldPath, 'utf8')) : null)
    return cache.get(goldPath)!
  }
}
