// Deadline arithmetic and the date problems of an entry. Pure: no git, no clock (callers pass `now`).
//
// Git stores a date as seconds since the epoch plus the author's UTC offset. The offset is only for
// display; every comparison here uses the absolute instant. isomorphic-git reports the offset the way
// JavaScript's Date#getTimezoneOffset does: minutes, sign inverted (UTC+02:00 is -120).

import { problem, type Problem } from '../../shared/intake'

export interface GitTime {
  /** Seconds since the Unix epoch. */
  timestamp: number
  /** Minutes, JavaScript sign convention: UTC-12:00 is +720, UTC+02:00 is -120. */
  timezoneOffset: number
}

export interface Deadline {
  /** Seconds since the epoch; a date equal to this is still on time. */
  epochSeconds: number
  /** The deadline written with the offset it was given in. */
  iso: string
}

const DEADLINE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * Parses `2020-09-27T23:59:59-12:00` (anywhere on Earth) or `...Z`. A zone is required: a deadline without
 * one is ambiguous by up to 26 hours, so it is a configuration error (thrown), not a guess.
 */
export function parseDeadline(text: string): Deadline {
  const t = parseInstant(text)
  return { epochSeconds: t.timestamp, iso: formatGitTime(t) }
}

/** An ISO 8601 date-time with a zone, as a git time that keeps the zone (repo-builder needs it too). */
export function parseInstant(text: string): GitTime {
  const m = DEADLINE_RE.exec(text.trim())
  if (!m) throw new Error(`"${text}" is not an ISO 8601 date-time with a zone (e.g. 2020-09-27T23:59:59-12:00).`)
  const [, y, mo, d, h, mi, s, zone] = m as unknown as (string | undefined)[]
  const f = [y, mo, d, h, mi, s ?? '0'].map(Number) as [number, number, number, number, number, number]
  const east = zone === 'Z' ? 0 : parseOffset(zone!)
  const local = Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5])
  const check = new Date(local)
  // Date.UTC silently rolls 2020-02-30 over to March; refuse instead.
  if (check.getUTCMonth() !== f[1] - 1 || check.getUTCDate() !== f[2] || f[3] > 23 || f[4] > 59 || f[5] > 59) {
    throw new Error(`"${text}" is not a valid calendar date-time.`)
  }
  return { timestamp: local / 1000 - east * 60, timezoneOffset: east === 0 ? 0 : -east }
}

/** `+05:30` → 330 (minutes east of UTC). */
function parseOffset(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2))
  if (hours > 14 || minutes > 59) throw new Error(`Zone offset "${zone}" is out of range.`)
  return sign * (hours * 60 + minutes)
}

/** ISO 8601 in the offset git recorded, so messages show what the team's machine said. */
export function formatGitTime(t: GitTime): string {
  const east = -t.timezoneOffset
  const local = new Date((t.timestamp + east * 60) * 1000).toISOString().slice(0, 19)
  const sign = east < 0 ? '-' : '+'
  const abs = Math.abs(east)
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function isAfter(t: GitTime, deadline: Deadline): boolean {
  return t.timestamp > deadline.epochSeconds
}

/** The later of two instants (ties keep the first), used as the conservative date of a commit. */
export function later(a: GitTime, b: GitTime): GitTime {
  return b.timestamp > a.timestamp ? b : a
}

export interface DatedFile {
  path: string
  lastCommit: string
  time: GitTime
}

export interface DateCheckInput {
  deadline: Deadline
  now: Date
  tagName: string
  /** null when the tag is missing; then only file and commit dates are checked. */
  tag: { type: 'annotated' | 'lightweight'; tagger?: GitTime } | null
  commit?: { sha: string; author: GitTime; committer: GitTime }
  /** Commits from the tagged commit back along first parents, each with its first parent's committer date. */
  lineage?: { sha: string; committer: GitTime; parentSha: string; parentCommitter: GitTime }[]
  modelFiles?: DatedFile[]
  codeFiles?: DatedFile[]
  /** Dated after the deadline by design (predictions come later); only checked against `now`. */
  predictionsCommit?: { sha: string; author: GitTime; committer: GitTime }
  /** Author vs committer dates may differ this much before it is worth a warning. Default 3600 s. */
  authorCommitterToleranceSeconds?: number
  /** Dates up to this far ahead of `now` are clock skew, not forgery. Default 0. */
  futureToleranceSeconds?: number
}

const short = (sha: string): string => sha.slice(0, 12)

/** Lists the first few names and how many more, so one sentence stays readable for a thousand files. */
export function listSome(items: string[], max = 5): string {
  const head = items.slice(0, max).join(', ')
  return items.length > max ? `${head} and ${items.length - max} more` : head
}

export function checkDates(input: DateCheckInput): Problem[] {
  const { deadline, tag, commit, tagName } = input
  const out: Problem[] = []
  const dl = deadline.iso
  if (tag?.type === 'lightweight') {
    out.push(
      problem(
        'LIGHTWEIGHT_TAG',
        `Tag ${tagName} is a lightweight tag, so git records no tag date and only the commit dates can be checked.`
      )
    )
  }
  if (tag?.tagger && isAfter(tag.tagger, deadline)) {
    out.push(problem('TAG_AFTER_DEADLINE', `Tag ${tagName} was created at ${formatGitTime(tag.tagger)}, after the deadline ${dl}.`))
  }
  if (commit) {
    for (const [role, t] of [
      ['author', commit.author],
      ['committer', commit.committer]
    ] as const) {
      if (isAfter(t, deadline)) {
        out.push(
          problem(
            'COMMIT_AFTER_DEADLINE',
            `Tagged commit ${short(commit.sha)} has ${role} date ${formatGitTime(t)}, after the deadline ${dl}.`
          )
        )
      }
    }
    const gap = Math.abs(commit.author.timestamp - commit.committer.timestamp)
    if (gap > (input.authorCommitterToleranceSeconds ?? 3600)) {
      out.push(
        problem(
          'AUTHOR_COMMITTER_MISMATCH',
          `Tagged commit ${short(commit.sha)} has author date ${formatGitTime(commit.author)} but committer date ${formatGitTime(commit.committer)}.`
        )
      )
    }
  }
  const older = (input.lineage ?? []).filter((c) => c.committer.timestamp < c.parentCommitter.timestamp)
  if (older.length > 0) {
    const first = older[0]!
    const more = older.length > 1 ? ` (${older.length} such commits in the history of ${tagName})` : ''
    out.push(
      problem(
        'COMMIT_OLDER_THAN_PARENT',
        `Commit ${short(first.sha)} is dated ${formatGitTime(first.committer)}, before its parent ${short(first.parentSha)} dated ${formatGitTime(first.parentCommitter)}${more}.`
      )
    )
  }
  for (const f of input.modelFiles ?? []) {
    if (isAfter(f.time, deadline)) {
      out.push(
        problem(
          'MODEL_FILE_AFTER_DEADLINE',
          `Model file ${f.path} was last changed in commit ${short(f.lastCommit)} at ${formatGitTime(f.time)}, after the deadline ${dl}.`
        )
      )
    }
  }
  const lateCode = (input.codeFiles ?? []).filter((f) => isAfter(f.time, deadline))
  if (lateCode.length > 0) {
    out.push(
      problem(
        'CODE_FILE_AFTER_DEADLINE',
        `${lateCode.length === 1 ? 'Code file' : `${lateCode.length} code files`} ${listSome(lateCode.map((f) => f.path))} changed after the deadline ${dl} (latest commit ${short(lateCode[0]!.lastCommit)} at ${formatGitTime(lateCode[0]!.time)}).`
      )
    )
  }
  out.push(...futureDates(input))
  return out
}

function futureDates(input: DateCheckInput): Problem[] {
  const limit = Math.floor(input.now.getTime() / 1000) + (input.futureToleranceSeconds ?? 0)
  const now = formatGitTime({ timestamp: Math.floor(input.now.getTime() / 1000), timezoneOffset: 0 })
  const seen: string[] = []
  const note = (what: string, t: GitTime | undefined): void => {
    if (t && t.timestamp > limit) seen.push(`${what} ${formatGitTime(t)}`)
  }
  note(`tag ${input.tagName} tagger date`, input.tag?.tagger)
  if (input.commit) {
    note(`commit ${short(input.commit.sha)} author date`, input.commit.author)
    note(`commit ${short(input.commit.sha)} committer date`, input.commit.committer)
  }
  if (input.predictionsCommit) {
    note(`predictions commit ${short(input.predictionsCommit.sha)} author date`, input.predictionsCommit.author)
    note(`predictions commit ${short(input.predictionsCommit.sha)} committer date`, input.predictionsCommit.committer)
  }
  for (const f of [...(input.modelFiles ?? []), ...(input.codeFiles ?? [])]) note(`file ${f.path} date`, f.time)
  if (seen.length === 0) return []
  return [problem('FUTURE_DATE', `The repository has dates later than now (${now}): ${listSome(seen, 3)}.`)]
}
