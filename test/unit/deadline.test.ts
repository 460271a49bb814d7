import { describe, expect, it } from 'vitest'
import { checkDates, formatGitTime, parseDeadline, parseInstant, type DateCheckInput, type GitTime } from '../../src/main/intake/deadline'

const AOE = '2020-09-27T23:59:59-12:00'
const deadline = parseDeadline(AOE)
const now = new Date('2020-10-06T00:00:00Z')
/** A git time at an ISO instant (offset kept). */
const at = (iso: string): GitTime => parseInstant(iso)
const codes = (input: Partial<DateCheckInput>): string[] =>
  checkDates({ deadline, now, tagName: 'dstc9-simmc-entry', tag: { type: 'annotated' }, ...input })
    .map((p) => p.code)
    .sort()
const commit = (author: string, committer = author) => ({ sha: 'a'.repeat(40), author: at(author), committer: at(committer) })

describe('parseDeadline', () => {
  it('reads anywhere-on-Earth as 11:59:59Z the next day', () => {
    expect(deadline.epochSeconds).toBe(Date.parse('2020-09-28T11:59:59Z') / 1000)
    expect(deadline.iso).toBe(AOE)
  })

  it('accepts Z, offsets without a colon, and fractional seconds', () => {
    expect(parseDeadline('2020-09-28T11:59:59Z').epochSeconds).toBe(deadline.epochSeconds)
    expect(parseDeadline('2020-09-28T17:29:59+0530').epochSeconds).toBe(deadline.epochSeconds)
    expect(parseDeadline('2020-09-28T11:59:59.000Z').epochSeconds).toBe(deadline.epochSeconds)
    expect(parseDeadline('2020-09-28T12:00Z').epochSeconds).toBe(deadline.epochSeconds + 1)
  })

  it('refuses a deadline without a zone, or an impossible date', () => {
    expect(() => parseDeadline('2020-09-27T23:59:59')).toThrow(/zone/)
    expect(() => parseDeadline('2020-09-27')).toThrow()
    expect(() => parseDeadline('2020-02-30T00:00:00Z')).toThrow(/calendar/)
    expect(() => parseDeadline('2020-09-27T24:00:00Z')).toThrow(/calendar/)
  })
})

describe('formatGitTime', () => {
  it('keeps the offset git recorded (JavaScript sign convention)', () => {
    expect(formatGitTime({ timestamp: 1601294399, timezoneOffset: 720 })).toBe('2020-09-27T23:59:59-12:00')
    expect(formatGitTime({ timestamp: 1601294399, timezoneOffset: -330 })).toBe('2020-09-28T17:29:59+05:30')
    expect(formatGitTime({ timestamp: 0, timezoneOffset: 0 })).toBe('1970-01-01T00:00:00+00:00')
  })
})

describe('the anywhere-on-Earth boundary', () => {
  it('accepts a commit at exactly 23:59:59 UTC-12, in any zone', () => {
    expect(codes({ commit: commit('2020-09-27T23:59:59-12:00') })).toEqual([])
    expect(codes({ commit: commit('2020-09-28T11:59:59Z') })).toEqual([])
    expect(codes({ commit: commit('2020-09-28T13:59:59+02:00') })).toEqual([])
  })

  it('rejects one second later', () => {
    expect(codes({ commit: commit('2020-09-28T12:00:00Z') })).toEqual(['COMMIT_AFTER_DEADLINE', 'COMMIT_AFTER_DEADLINE'])
    expect(codes({ commit: commit('2020-09-28T00:00:00-12:00') })).toContain('COMMIT_AFTER_DEADLINE')
  })

  it('judges the tagger date of an annotated tag the same way', () => {
    expect(codes({ tag: { type: 'annotated', tagger: at('2020-09-28T11:59:59Z') } })).toEqual([])
    expect(codes({ tag: { type: 'annotated', tagger: at('2020-09-28T12:00:00Z') } })).toEqual(['TAG_AFTER_DEADLINE'])
  })
})

describe('checkDates', () => {
  it('flags a late author date alone, naming the commit and date', () => {
    const problems = checkDates({
      deadline,
      now,
      tagName: 't',
      tag: null,
      commit: commit('2020-09-29T00:00:00Z', '2020-09-27T00:00:00Z'),
      authorCommitterToleranceSeconds: 1e9
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toContain('aaaaaaaaaaaa')
    expect(problems[0]!.message).toContain('author date 2020-09-29T00:00:00+00:00')
  })

  it('warns about a lightweight tag without failing the entry', () => {
    const problems = checkDates({ deadline, now, tagName: 't', tag: { type: 'lightweight' } })
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['LIGHTWEIGHT_TAG', 'warning']])
  })

  it('warns when author and committer dates differ beyond the tolerance', () => {
    const c = commit('2020-09-20T10:00:00Z', '2020-09-20T11:00:01Z')
    expect(codes({ commit: c })).toEqual(['AUTHOR_COMMITTER_MISMATCH'])
    expect(codes({ commit: c, authorCommitterToleranceSeconds: 3601 })).toEqual([])
  })

  it('warns about a commit dated before its parent', () => {
    const lineage = [
      { sha: 'b'.repeat(40), committer: at('2020-09-01T00:00:00Z'), parentSha: 'c'.repeat(40), parentCommitter: at('2020-09-02T00:00:00Z') }
    ]
    expect(codes({ lineage })).toEqual(['COMMIT_OLDER_THAN_PARENT'])
    expect(codes({ lineage: [{ ...lineage[0]!, committer: at('2020-09-02T00:00:00Z') }] })).toEqual([])
  })

  it('flags each late model file and groups late code files', () => {
    const file = (path: string, iso: string) => ({ path, lastCommit: 'd'.repeat(40), time: at(iso) })
    const problems = checkDates({
      deadline,
      now,
      tagName: 't',
      tag: null,
      modelFiles: [file('m/a.bin', '2020-09-28T12:00:00Z'), file('m/b.pt', '2020-09-28T11:59:59Z')],
      codeFiles: [file('x.py', '2020-10-01T00:00:00Z'), file('y.py', '2020-10-01T00:00:00Z'), file('z.py', '2020-01-01T00:00:00Z')]
    })
    expect(problems.map((p) => p.code)).toEqual(['MODEL_FILE_AFTER_DEADLINE', 'CODE_FILE_AFTER_DEADLINE'])
    expect(problems[0]!.message).toContain('m/a.bin')
    expect(problems[1]!.message).toContain('2 code files x.py, y.py')
  })

  it('flags any date after now, including the predictions commit', () => {
    const predictionsCommit = commit('2099-01-01T00:00:00Z')
    expect(codes({ predictionsCommit })).toEqual(['FUTURE_DATE'])
    // Predictions are due after the deadline, so a late (but past) predictions date is fine.
    expect(codes({ predictionsCommit: commit('2020-10-04T00:00:00Z') })).toEqual([])
    expect(codes({ tag: { type: 'annotated', tagger: at('2020-10-06T00:00:01Z') } })).toEqual(['FUTURE_DATE', 'TAG_AFTER_DEADLINE'])
    expect(
      checkDates({ deadline, now, tagName: 't', tag: null, predictionsCommit: commit('2020-10-06T00:04:00Z'), futureToleranceSeconds: 300 })
    ).toEqual([])
  })
})
