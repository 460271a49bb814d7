import type { ChallengeConfig } from './challenge'

/** The DSTC9 SIMMC final-evaluation rules as a Podium challenge configuration. */
export const SIMMC_DEADLINE = '2020-09-27T23:59:59-12:00'
export const SIMMC_ENTRY_TAG = 'dstc9-simmc-entry'

export function simmcChallengeConfig(goldDir: string): ChallengeConfig {
  const file = (suffix: string): string => `dstc9-simmc-teststd-{domain}-${suffix}`
  return {
    domains: ['fashion', 'furniture'],
    combination: 'per-domain',
    goldDir,
    modelGlobs: ['**/*.bin', '**/*.pt', '**/*.ckpt', '**/*.h5', '**/*.pth'],
    categories: [
      {
        id: 'subtask-1',
        name: 'Subtask 1: API prediction',
        task: 'simmc-st1',
        file: file('subtask-1.json'),
        priority: [
          { metric: 'action_accuracy', direction: 'higher' },
          { metric: 'attribute_accuracy', direction: 'higher' },
          { metric: 'action_perplexity', direction: 'lower' }
        ]
      },
      {
        id: 'subtask-2-generation',
        name: 'Subtask 2: response generation',
        task: 'simmc-st2-generation',
        file: file('subtask-2-generation.json'),
        priority: [{ metric: 'bleu', direction: 'higher' }]
      },
      {
        id: 'subtask-2-retrieval',
        name: 'Subtask 2: response retrieval',
        task: 'simmc-st2-retrieval',
        file: file('subtask-2-retrieval.json'),
        priority: [
          { metric: 'mrr', direction: 'higher' },
          { metric: 'r1', direction: 'higher' },
          { metric: 'r5', direction: 'higher' },
          { metric: 'r10', direction: 'higher' },
          { metric: 'mean', direction: 'lower' }
        ]
      },
      {
        id: 'subtask-3',
        name: 'Subtask 3: dialog state tracking',
        task: 'simmc-st3',
        file: file('subtask-3.txt'),
        alternatives: [file('subtask-3.json')],
        priority: [
          { metric: 'slot_f1', direction: 'higher' },
          { metric: 'act_f1', direction: 'higher' }
        ]
      }
    ]
  }
}
