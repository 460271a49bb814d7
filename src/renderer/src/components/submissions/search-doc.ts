import type { TeamRow } from '../../../../shared/teams'
import type { SubmissionDetail } from '../../../../shared/views'
import type { SearchDoc } from '../../search'

/** The `@field:` names of the Submissions table, and their alternative spellings. */
export const SUBMISSION_FIELDS = ['team', 'status', 'license', 'tag', 'code', 'verdict', 'repo', 'flagged'] as const
export const SEARCH_ALIASES = { licence: 'license', name: 'team', problem: 'code' }

/** What one team row offers to the search. */
export function submissionDoc(team: TeamRow, detail: SubmissionDetail | undefined): SearchDoc {
  const report = detail?.report ?? null
  const codes = new Set<string>(report?.problems.map((p) => p.code) ?? [])
  if (team.submission?.statusCode) codes.add(team.submission.statusCode)
  return {
    team: [team.name, team.anonId, ...(team.isBaseline ? ['baseline'] : [])],
    status: team.submission?.status ?? 'no submission',
    license: report?.license ? [report.license.kind, report.license.file] : [],
    tag: report ? [report.tag.name, report.tag.type ?? 'missing'] : [],
    code: [...codes],
    verdict: report ? (report.ok ? 'ok' : 'not ok') : 'not checked',
    repo: team.repo,
    flagged: team.flaggedReason
  }
}
