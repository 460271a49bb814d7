export type SubmissionStatus = 'pending' | 'fetching' | 'validating' | 'scoring' | 'done' | 'failed'

export interface Team {
  id: number
  challengeId: number
  name: string
  /** Repository URL (http/https) or a local path. */
  repo: string
  contact: string
  /** Secret anonymous id ("Team 3"): shown in every export instead of the name. */
  anonId: string
  isBaseline: boolean
  flaggedReason: string | null
  /**
   * Where the predictions live: branches, tags or commit ids, searched in order (each prediction file
   * name is taken from the first ref that holds it). Empty: the remote HEAD.
   */
  predictionRefs: string[]
  /** The organizer's pick when a prediction file name is in several folders: file name → path. */
  predictionChoices: Record<string, string>
}

export interface Submission {
  id: number
  teamId: number
  tag: string
  resolvedCommit: string | null
  predictionsCommit: string | null
  status: SubmissionStatus
  statusCode: string | null
  statusReason: string | null
  createdAt: string
  updatedAt: string
}

/** The intake verdict in brief, for tables; the full CheckReport comes with submissions.get. */
export interface VerdictSummary {
  ok: boolean
  errors: string[]
  warnings: string[]
  license: { kind: string; permissive: boolean } | null
  tagType: 'annotated' | 'lightweight' | null
  /** What a partial entry attempted ("Subtask 1 — …: fashion"); absent when the entry is complete or unknown. */
  attempted?: string
}

/** DUPLICATE_ENTRY: the entry shares its commit or every prediction file with other teams. */
export interface DuplicateStatus {
  /** 'pending' until the organizer decides; 'exclude' keeps it out of winners, 'distinct' clears it. */
  state: 'pending' | 'distinct' | 'exclude'
  basis: 'commit' | 'files'
  otherTeamIds: number[]
}

export interface TeamRow extends Team {
  submission: Submission | null
  /** Null until an intake produced a report. */
  verdict: VerdictSummary | null
  /** Set when the entry duplicates another team's (teams.list). */
  duplicate?: DuplicateStatus
}

export interface AuditEntry {
  id: number
  at: string
  challengeId: number | null
  teamId: number | null
  action: string
  detail: string
}

/**
 * Why a predictions ref cannot be used, or null when it can: a branch (`main`, `refs/heads/x`), a tag
 * (`dstc9-st1`, `refs/tags/x`), `HEAD` or a full 40-hex commit id. Git's own ref-name rules, reduced to
 * what matters here: no spaces, control characters, `..`, leading `-`, or characters git forbids.
 */
export function predictionRefProblem(ref: string): string | null {
  if (ref.trim() === '') return 'is empty'
  if (ref.length > 200) return 'is longer than 200 characters'
  const control = [...ref].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)
  if (control || /[\s~^:?*[\\]/.test(ref)) return 'has a space or a character git does not allow in a ref (~ ^ : ? * [ \\)'
  if (ref.startsWith('-') || ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock'))
    return 'is not a ref name git accepts'
  if (ref.includes('..') || ref.includes('//') || ref.includes('@{')) return 'is not a ref name git accepts'
  if (/^[0-9a-f]{7,39}$/i.test(ref)) return 'looks like an abbreviated commit id: give all 40 hex digits'
  return null
}
