// The human-evaluation wording on the screens: no standard error for one rating, close reasons
// with the limits in force, a blocked bot named as such.
import { describe, expect, it } from 'vitest'
import { closeReasonText, wildStatText } from '../../src/renderer/src/components/convai2/format'

describe('wild evaluation wording', () => {
  it('gives no SE for one rating (undefined, not 0)', () => {
    expect(wildStatText('quality', { mean: 4, stderr: null, n: 1 })).toEqual({ value: '4.00', se: null })
    expect(wildStatText('roleplay', { mean: 0.5, stderr: 0.25, n: 4 })).toEqual({ value: '50%', se: '25' })
  })

  it('says why a dialog closed with the limits in force', () => {
    expect(closeReasonText('inactivity')).toBe('nobody wrote for 10 minutes (the inactivity limit)')
    expect(closeReasonText('inactivity', { inactivitySeconds: 90, maxUtterances: 20 })).toBe(
      'nobody wrote for 90 seconds (the inactivity limit)'
    )
    expect(closeReasonText('utterance-limit', { inactivitySeconds: 60, maxUtterances: 20 })).toBe('it reached the limit of 20 messages')
    expect(closeReasonText('invalid-limit')).toMatch(/bot was blocked/)
  })
})
