// Which scorer runs on which files for one submission: pure, from the challenge config.
import { join } from 'node:path'
import type { CategoryConfig, Challenge, ChallengeConfig } from '../../shared/challenge'
import type { ScoreTask } from '../../shared/scoring'
import type { ScoreFilesJob } from '../scoring/score-files'
import { isScoreTask } from '../scoring/registry'

export interface PlannedJob {
  categoryId: string
  domain: string
  job: ScoreFilesJob
}

export interface MissingPrediction {
  categoryId: string
  domain: string
  file: string
}

export const expandDomain = (pattern: string, domain: string): string => pattern.replaceAll('{domain}', domain)

/**
 * The gold pattern a prediction file is scored against. DST predictions come in two formats
 * and each has its own official gold: a `.json` file is scored against the category's
 * `jsonGold` (the dialog-level dials file). Challenges created before `jsonGold` existed fall
 * back to the generation category's gold, which is that same dials file.
 */
export function goldPatternFor(config: ChallengeConfig, category: CategoryConfig, predictionName: string): string {
  if (!predictionName.toLowerCase().endsWith('.json') || category.task !== 'simmc-st3') return category.gold
  return category.jsonGold ?? config.categories.find((c) => c.task === 'simmc-st2-generation')?.gold ?? category.gold
}

/**
 * `files` maps prediction file names (basenames) to paths on disk. A category/domain
 * without its file is reported as missing, not scored.
 */
export function planScoring(
  challenge: Challenge,
  dataDir: string,
  files: ReadonlyMap<string, string>
): { jobs: PlannedJob[]; missing: MissingPrediction[] } {
  const { config } = challenge
  const jobs: PlannedJob[] = []
  const missing: MissingPrediction[] = []
  for (const category of config.categories) {
    if (!isScoreTask(category.task)) continue
    const task: ScoreTask = category.task
    for (const domain of config.domains) {
      const names = [category.file, ...(category.alternatives ?? [])].map((p) => expandDomain(p, domain))
      const found = names.find((name) => files.has(name))
      if (!found) {
        missing.push({ categoryId: category.id, domain, file: names[0]! })
        continue
      }
      const goldPattern = goldPatternFor(config, category, found)
      // Line-format DST: the dialog-level gold names each line's dialog and turn for error analysis.
      const dialogsPattern = task === 'simmc-st3' ? goldPatternFor(config, category, 'dialogs.json') : goldPattern
      jobs.push({
        categoryId: category.id,
        domain,
        job: {
          task,
          goldPath: join(dataDir, config.goldDir, domain, expandDomain(goldPattern, domain)),
          ...(dialogsPattern !== goldPattern
            ? { dialogsPath: join(dataDir, config.goldDir, domain, expandDomain(dialogsPattern, domain)) }
            : {}),
          predPath: files.get(found)!,
          singleRound: config.singleRound,
          ...(config.tokenizer ? { tokenizer: config.tokenizer } : {})
        }
      })
    }
  }
  return { jobs, missing }
}
