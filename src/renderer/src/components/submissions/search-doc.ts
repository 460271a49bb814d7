import type { TeamRow } from '../../../../shared/teams'
import type { SearchDoc } from '../../search'

/** The `@field:` names of the Submissions table, and their alternative spellings. */
export const SUBMISSION_FIELDS = ['team', 'status', 'license', 'tag', 'code', 'verdict', 'repo', 'flagged'] as const
export const SEARCH_ALIASES = { licence: 'license', name: 'team', problem: 'code' }

/** What one team row offers to the search. */
export function submissionDoc(team: TeamRow): SearchDoc {
  const report = team.verdict
  const codes = new Set<string>([...(report?.errors ?? []), ...(report?.warnings ?? [])])
  if (team.submission?.statusCode) codes.add(team.submission.statusCode)
  return {
    team: [team.name, team.anonId, ...(team.isBaseline ? ['baseline'] : [])],
    status: team.submission?.status ?? 'no submission',
    license: report?.license ? [report.license.kind] : [],
    tag: report ? [team.submission?.tag ?? '', report.tagType ?? 'missing'] : [],
    code: [...codes],
    verdict: report ? (report.ok ? 'ok' : 'not ok') : 'not checked',
    repo: team.repo,
    flagged: team.flaggedReason
  }
}
