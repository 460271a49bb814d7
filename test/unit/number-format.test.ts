// One number format per metric: the console's tables and the reports print the same text.
import { describe, expect, it } from 'vitest'
import { formatCell, formatValue } from '../../src/main/reports/report-model'
import { formatMetricNumber, formatWithStdError } from '../../src/shared/number-format'
import { formatNumber } from '../../src/renderer/src/components/common/format'
import { formatMetric } from '../../src/renderer/src/components/errors/tasks'

describe('metric number format', () => {
  it('4 decimals below 10, 2 from 10; the standard error takes its value’s decimals; "± " spaced', () => {
    expect(formatWithStdError(0.88334, 0.04141)).toBe('0.8833 ± 0.0414')
    expect(formatWithStdError(12.3456, 0.45678)).toBe('12.35 ± 0.46')
    expect(formatWithStdError(0.5, null)).toBe('0.5000')
  })

  it('one minus sign (U+2212), and no sign on a value that rounds to zero', () => {
    expect(formatMetricNumber(-0.25)).toBe('\u22120.2500')
    expect(formatMetricNumber(-0.00001)).toBe('0.0000')
    expect(formatMetricNumber(-Infinity)).toBe('\u2212∞')
  })

  it('the report, the leaderboard and error analysis print a metric cell the same way', () => {
    for (const [value, stderr] of [
      [5.5, 1.25],
      [0.7245, 0.0211],
      [15.2779, 0.2567],
      [-0.125, 0.01]
    ] as const) {
      const report = formatCell({ value, stderr })
      expect(report).toBe(`${formatNumber(value)} ± ${formatNumber(stderr, Math.abs(value) >= 10 ? 2 : 4)}`)
      expect(formatMetric(value, stderr)).toBe(report)
      expect(formatValue(value)).toBe(formatNumber(value))
    }
    // A percent column keeps its own decimals.
    expect(formatCell({ value: 0.1682, stderr: 0.0041 }, { metric: 'f1', direction: 'higher', scale: 100, digits: 2 })).toBe('16.82 ± 0.41')
  })
})
