import { describe, expect, it } from 'vitest'
import { metricCells } from '../../src/main/services/evaluation-views'

describe('metric cells from stored evaluations', () => {
  it('leaves out metrics stored as null (NaN in the official script) and non-finite std errors', () => {
    const stored = { metrics: { action_accuracy: 0.5, attribute_accuracy: null as unknown as number }, stderr: { action_accuracy: NaN } }
    expect(metricCells(stored)).toEqual({ action_accuracy: { value: 0.5, stderr: null } })
  })
})
