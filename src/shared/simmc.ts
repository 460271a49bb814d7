import type { ChallengeConfig } from './challenge'
import { DEFAULT_TOKENIZER, type SimmcTask } from './scoring'
import { DEFAULT_MODEL_GLOBS } from './intake'
import { SIMMC_CATEGORIES } from './simmc-categories'

/** The DSTC9 SIMMC final-evaluation rules as a Podium challenge configuration. */
export const SIMMC_DEADLINE = '2020-09-27T23:59:59-12:00'
export const SIMMC_ENTRY_TAG = 'dstc9-simmc-entry'

/** Official gold file names (test-std), inside `goldDir/{domain}/`. */
const GOLD_FILES: Record<SimmcTask, string> = {
  'simmc-st1': '{domain}_teststd_dials_api_calls.json',
  'simmc-st2-generation': '{domain}_teststd_dials.json',
  'simmc-st2-retrieval': '{domain}_teststd_dials_retrieval_candidates.json',
  'simmc-st3': '{domain}_teststd_dst_target.txt'
}

/** Subtask 3 JSON predictions are scored against the dialog-level gold (official evaluate_dst.py). */
const JSON_GOLD_FILES: Partial<Record<SimmcTask, string>> = {
  'simmc-st3': '{domain}_teststd_dials.json'
}

export function simmcChallengeConfig(goldDir: string): ChallengeConfig {
  return {
    domains: ['fashion', 'furniture'],
    combination: 'per-domain',
    goldDir,
    singleRound: true,
    tokenizer: DEFAULT_TOKENIZER,
    modelGlobs: [...DEFAULT_MODEL_GLOBS],
    categories: SIMMC_CATEGORIES.map((c) => ({
      id: c.id,
      name: c.name,
      task: c.task,
      priority: c.priority,
      file: c.file,
      ...(c.alternatives ? { alternatives: c.alternatives } : {}),
      gold: GOLD_FILES[c.task],
      ...(JSON_GOLD_FILES[c.task] ? { jsonGold: JSON_GOLD_FILES[c.task] } : {})
    }))
  }
}
