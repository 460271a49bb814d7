// The SIMMC (DSTC9) winner categories, as data: one category per scoring task, each with its
// metric priority list from the final-evaluation rules ("Metric Priority List"). Metric keys
// are the keys of ScoreResult.metrics; `ceiling` is the best possible value (all metrics are
// reported as fractions, so 1; perplexity and mean rank are at best 1 too), used by the
// normalized-average ranking.

import type { CategoryConfig, Direction, MetricPriority } from './challenge'
import type { SimmcTask } from './scoring'

export interface MetricInfo {
  metric: string
  direction: Direction
  label: string
  ceiling: number
}

export interface SimmcCategory extends Omit<CategoryConfig, 'gold'> {
  task: SimmcTask
  subtask: 1 | 2 | 3
  metrics: MetricInfo[]
}

const higher = (metric: string, label: string): MetricInfo => ({ metric, direction: 'higher', label, ceiling: 1 })
const lower = (metric: string, label: string): MetricInfo => ({ metric, direction: 'lower', label, ceiling: 1 })

function category(
  task: SimmcTask,
  subtask: 1 | 2 | 3,
  name: string,
  metrics: MetricInfo[],
  file: string,
  alternatives?: string[]
): SimmcCategory {
  const priority: MetricPriority[] = metrics.map(({ metric, direction }) => ({ metric, direction }))
  return { id: task, task, subtask, name, metrics, priority, file, ...(alternatives ? { alternatives } : {}) }
}

export const SIMMC_CATEGORIES: readonly SimmcCategory[] = [
  category(
    'simmc-st1',
    1,
    'Subtask 1 — Multimodal Assistant API Prediction',
    [
      higher('action_accuracy', 'Action Accuracy'),
      higher('attribute_accuracy', 'Attribute Accuracy'),
      lower('action_perplexity', 'Action Perplexity')
    ],
    'dstc9-simmc-teststd-{domain}-subtask-1.json'
  ),
  category(
    'simmc-st2-generation',
    2,
    'Subtask 2 — Response Generation (generative)',
    [higher('bleu', 'BLEU-4')],
    'dstc9-simmc-teststd-{domain}-subtask-2-generation.json'
  ),
  category(
    'simmc-st2-retrieval',
    2,
    'Subtask 2 — Response Generation (retrieval)',
    [higher('mrr', 'MRR'), higher('r1', 'R@1'), higher('r5', 'R@5'), higher('r10', 'R@10'), lower('mean', 'Mean Rank')],
    'dstc9-simmc-teststd-{domain}-subtask-2-retrieval.json'
  ),
  category(
    'simmc-st3',
    3,
    'Subtask 3 — Multimodal Dialog State Tracking',
    [higher('slot_f1', 'Slot F1'), higher('act_f1', 'Intent F1')],
    'dstc9-simmc-teststd-{domain}-subtask-3.txt',
    ['dstc9-simmc-teststd-{domain}-subtask-3.json']
  )
]

export function simmcCategory(task: string): SimmcCategory | undefined {
  return SIMMC_CATEGORIES.find((c) => c.task === task)
}
