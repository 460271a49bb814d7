// A generated SIMMC set on disk (gold + one team's predictions), shared by the benchmarks.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ScoreTask } from '../src/shared/scoring'
import { generateGold, goldFiles, predictionFiles, type Domain } from '../src/main/demo/simmc-data'
import { DATA_DIR } from './table'

export interface TaskFiles {
  task: ScoreTask
  gold: string
  pred: string
}

/** The four SIMMC tasks of one domain, as (gold, prediction) file pairs; written once per size. */
export function writeSimmcSet(domain: Domain, dialogs: number): TaskFiles[] {
  const dir = join(DATA_DIR, `simmc-${domain}-${dialogs}`)
  const gold = (name: string): string => join(dir, `${domain}_teststd_${name}`)
  const pred = (name: string): string => join(dir, `dstc9-simmc-teststd-${domain}-${name}`)
  const tasks: TaskFiles[] = [
    { task: 'simmc-st1', gold: gold('dials_api_calls.json'), pred: pred('subtask-1.json') },
    { task: 'simmc-st2-generation', gold: gold('dials.json'), pred: pred('subtask-2-generation.json') },
    { task: 'simmc-st2-retrieval', gold: gold('dials_retrieval_candidates.json'), pred: pred('subtask-2-retrieval.json') },
    { task: 'simmc-st3', gold: gold('dst_target.txt'), pred: pred('subtask-3.txt') }
  ]
  if (tasks.every((t) => existsSync(t.gold) && existsSync(t.pred))) return tasks
  mkdirSync(dir, { recursive: true })
  const set = generateGold(domain, { dialogs, seed: 'bench' })
  for (const [name, text] of Object.entries(goldFiles(set))) writeFileSync(join(dir, name), text)
  for (const [name, text] of Object.entries(predictionFiles(set, { quality: 0.7, seed: 'bench-team' })))
    writeFileSync(join(dir, name), text)
  return tasks
}
