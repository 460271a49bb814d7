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
