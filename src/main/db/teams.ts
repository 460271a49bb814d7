import type { CheckReport } from '../../shared/intake'
import type { Submission, SubmissionStatus, Team, TeamRow, VerdictSummary } from '../../shared/teams'
import type { Db } from './database'

interface TeamDbRow {
  id: number
  challenge_id: number
  name: string
  repo: string
  contact: string
  anon_id: string
  is_baseline: number
  flagged_reason: string | null
  prediction_refs_json: string | null
  prediction_choices_json: string | null
}

interface SubmissionDbRow {
  id: number
  team_id: number
  tag: string
  resolved_commit: string | null
  predictions_commit: string | null
  status: SubmissionStatus
  status_code: string | null
  status_reason: string | null
  report_json: string | null
  created_at: string
  updated_at: string
}

export type NewTeam = Omit<Team, 'id' | 'predictionRefs' | 'predictionChoices'> & Partial<Pick<Team, 'predictionRefs'>>

const summarize = (report: CheckReport): VerdictSummary => ({
  ok: report.ok,
  errors: report.problems.filter((p) => p.severity === 'error').map((p) => p.code),
  warnings: report.problems.filter((p) => p.severity === 'warning').map((p) => p.code),
  license: report.license ? { kind: report.license.kind, permissive: report.license.permissive } : null,
  tagType: report.tag.type,
  ...(report.entry && report.entry.missing.length > 0 ? { attempted: report.entry.summary } : {})
})

const toTeam = (r: TeamDbRow): Team => ({
  id: r.id,
  challengeId: r.challenge_id,
  name: r.name,
  repo: r.repo,
  contact: r.contact,
  anonId: r.anon_id,
  isBaseline: r.is_baseline === 1,
  flaggedReason: r.flagged_reason,
  predictionRefs: r.prediction_refs_json ? (JSON.parse(r.prediction_refs_json) as string[]) : [],
  predictionChoices: r.prediction_choices_json ? (JSON.parse(r.prediction_choices_json) as Record<string, string>) : {}
})

/** An empty list is stored as NULL: the remote HEAD. */
const refsJson = (refs: readonly string[] | undefined): string | null => (refs && refs.length > 0 ? JSON.stringify(refs) : null)

const toSubmission = (r: SubmissionDbRow): Submission => ({
  id: r.id,
  teamId: r.team_id,
  tag: r.tag,
  resolvedCommit: r.resolved_commit,
  predictionsCommit: r.predictions_commit,
  status: r.status,
  statusCode: r.status_code,
  statusReason: r.status_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export function teamsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO teams (challenge_id, name, repo, contact, anon_id, is_baseline, flagged_reason, prediction_refs_json)
     VALUES (@challengeId, @name, @repo, @contact, @anonId, @isBaseline, @flaggedReason, @refs)`
  )
  const setRefs = db.prepare<[string | null, number]>('UPDATE teams SET prediction_refs_json = ? WHERE id = ?')
  const setChoices = db.prepare<[string | null, number]>('UPDATE teams SET prediction_choices_json = ? WHERE id = ?')
  const byChallenge = db.prepare<[number], TeamDbRow>('SELECT * FROM teams WHERE challenge_id = ? ORDER BY name')
  const byId = db.prepare<[number], TeamDbRow>('SELECT * FROM teams WHERE id = ?')
  const latestSubmission = db.prepare<[number], SubmissionDbRow>('SELECT * FROM submissions WHERE team_id = ? ORDER BY id DESC LIMIT 1')
  const flag = db.prepare<[string | null, number]>('UPDATE teams SET flagged_reason = ? WHERE id = ?')

  return {
    insert(team: NewTeam): number {
      const { predictionRefs, ...rest } = team
      const info = insert.run({ ...rest, isBaseline: team.isBaseline ? 1 : 0, refs: refsJson(predictionRefs) })
      return Number(info.lastInsertRowid)
    },
    get(id: number): Team | undefined {
      const row = byId.get(id)
      return row && toTeam(row)
    },
    flag(id: number, reason: string | null): void {
      flag.run(reason, id)
    },
    setPredictionRefs(id: number, refs: readonly string[]): void {
      setRefs.run(refsJson(refs), id)
    },
    setPredictionChoices(id: number, choices: Readonly<Record<string, string>>): void {
      setChoices.run(Object.keys(choices).length > 0 ? JSON.stringify(choices) : null, id)
    },
    list(challengeId: number): TeamRow[] {
      return byChallenge.all(challengeId).map((row) => {
        const submission = latestSubmission.get(row.id)
        return {
          ...toTeam(row),
          submission: submission ? toSubmission(submission) : null,
          verdict: submission?.report_json ? summarize(JSON.parse(submission.report_json) as CheckReport) : null
        }
      })
    }
  }
}

export function submissionsTable(db: Db) {
  const insert = db.prepare<[number, string]>('INSERT INTO submissions (team_id, tag) VALUES (?, ?)')
  const setStatus = db.prepare(
    `UPDATE submissions SET status = @status, status_code = @code, status_reason = @reason,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`
  )
  const byId = db.prepare<[number], SubmissionDbRow>('SELECT * FROM submissions WHERE id = ?')
  const latest = db.prepare<[number], SubmissionDbRow>('SELECT * FROM submissions WHERE team_id = ? ORDER BY id DESC LIMIT 1')
  const setReport = db.prepare(
    `UPDATE submissions SET report_json = @report, resolved_commit = @resolved, predictions_commit = @predictions,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`
  )
  const interrupted = db.prepare<[], SubmissionDbRow>(
    `SELECT * FROM submissions
     WHERE status IN ('fetching', 'validating', 'scoring') OR (status = 'pending' AND status_code IS NULL AND status_reason = 'queued')
     ORDER BY id`
  )

  return {
    create(teamId: number, tag: string): number {
      return Number(insert.run(teamId, tag).lastInsertRowid)
    },
    get(id: number): Submission | undefined {
      const row = byId.get(id)
      return row && toSubmission(row)
    },
    latestForTeam(teamId: number): Submission | undefined {
      const row = latest.get(teamId)
      return row && toSubmission(row)
    },
    setStatus(id: number, status: SubmissionStatus, code: string | null = null, reason: string | null = null): void {
      setStatus.run({ id, status, code, reason })
    },
    setReport(id: number, report: CheckReport): void {
      setReport.run({
        id,
        report: JSON.stringify(report),
        resolved: report.commit?.sha ?? null,
        predictions: report.predictions?.commit ?? null
      })
    },
    report(id: number): CheckReport | null {
      const json = byId.get(id)?.report_json
      return json ? (JSON.parse(json) as CheckReport) : null
    },
    /** Submissions a crash or quit left running, or queued but not yet started. */
    interrupted(): Submission[] {
      return interrupted.all().map(toSubmission)
    }
  }
}
