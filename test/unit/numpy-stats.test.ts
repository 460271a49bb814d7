// np.mean / np.std to the last bit: numpy sums pairwise (in 8,192-value buffers), so a plain
// running sum drifts in the last digits. Expected values printed by Debian's numpy 1.24.2:
// python3 -c "import numpy as np; xs=[...]; print(repr(float(np.mean(xs))), repr(float(np.std(xs))))"
import { describe, expect, it } from 'vitest'
import { mean, populationStd, runningMean } from '../../src/main/scoring/stats'

const values = (n: number): number[] => Array.from({ length: n }, (_, i) => 1 / (((i * 7919) % 97) + 1) + ((i * 31) % 10) / 10)

const NUMPY: Array<[n: number, mean: number, std: number]> = [
  [7, 0.46329647897592147, 0.2713541208016904],
  [100, 0.5120865972749327, 0.31666037971026695],
  [129, 0.503087926276899, 0.3137961138764164],
  [1000, 0.5036439387673181, 0.309926701366716],
  [8193, 0.5031166690517718, 0.3107333973131969],
  [20000, 0.5032012203085796, 0.3106363954232704]
]

describe('numpy-compatible mean and std', () => {
  it.each(NUMPY)('n = %i: np.mean and np.std exactly', (n, npMean, npStd) => {
    const xs = values(n)
    expect(mean(xs)).toBe(npMean)
    expect(populationStd(xs)).toBe(npStd)
  })

  it('differs from a running sum where numpy does (so the pairwise order is what matches)', () => {
    expect(runningMean(values(1000))).toBe(0.5036439387673178)
    expect(runningMean(values(20000))).toBe(0.503201220308579)
    expect(mean(values(1000))).not.toBe(runningMean(values(1000)))
  })
})
