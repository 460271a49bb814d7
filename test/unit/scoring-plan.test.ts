// Which gold file each prediction file is scored against: DST JSON predictions use the
// dialog-level gold, line predictions the line-format target.
import { describe, expect, it } from 'vitest'
import type { Challenge } from '../../src/shared/challenge'
import { simmcChallengeConfig } from '../../src/shared/simmc'
import { slotOf } from '../../src/main/services/prediction-files'
import { planScoring } from '../../src/main/services/scoring-plan'

const challenge = (config = simmcChallengeConfig('gold')): Challenge => ({
  id: 1,
  slug: 's',
  name: 'S',
  kind: 'simmc',
  deadline: '2020-09-27T23:59:59-12:00',
  entryTag: 't',
  config,
  createdAt: ''
})
const goldOf = (c: Challenge, file: string) =>
  planScoring(c, '/data', new Map([[file, `/pred/${file}`]])).jobs.map((j) => j.job.goldPath.replace(/\\/g, '/'))

describe('gold per prediction format (subtask 3)', () => {
  it('JSON predictions are scored against the dialog-level dials file, lines against the target', () => {
    const c = challenge()
    expect(goldOf(c, 'dstc9-simmc-teststd-fashion-subtask-3.json')).toEqual(['/data/gold/fashion/fashion_teststd_dials.json'])
    expect(goldOf(c, 'dstc9-simmc-teststd-fashion-subtask-3.txt')).toEqual(['/data/gold/fashion/fashion_teststd_dst_target.txt'])
    expect(slotOf(c.config, 'preds/dstc9-simmc-teststd-furniture-subtask-3.json')?.gold).toBe('furniture_teststd_dials.json')
    expect(slotOf(c.config, 'dstc9-simmc-teststd-furniture-subtask-1.json')?.gold).toBe('furniture_teststd_dials_api_calls.json')
  })

  it('a challenge stored before jsonGold existed uses the generation gold (the same dials file)', () => {
    const config = simmcChallengeConfig('gold')
    const old = { ...config, categories: config.categories.map(({ jsonGold: _j, ...c }) => c) }
    expect(goldOf(challenge(old), 'dstc9-simmc-teststd-fashion-subtask-3.json')).toEqual(['/data/gold/fashion/fashion_teststd_dials.json'])
  })
})

describe('dialog-level gold for line-format DST (names dialogs and turns in error analysis)', () => {
  it('line predictions carry the dials file; JSON predictions and other tasks do not', () => {
    const c = challenge()
    const jobsOf = (file: string) => planScoring(c, '/data', new Map([[file, `/pred/${file}`]])).jobs.map((j) => j.job)
    expect(jobsOf('dstc9-simmc-teststd-fashion-subtask-3.txt')[0]!.dialogsPath?.replace(/\\/g, '/')).toBe(
      '/data/gold/fashion/fashion_teststd_dials.json'
    )
    expect(jobsOf('dstc9-simmc-teststd-fashion-subtask-3.json')[0]!.dialogsPath).toBeUndefined()
    expect(jobsOf('dstc9-simmc-teststd-fashion-subtask-1.json')[0]!.dialogsPath).toBeUndefined()
  })
})
