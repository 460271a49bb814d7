import type { TeamRow } from '../../../../shared/teams'
import type { LeaderboardRow } from '../../../../shared/views'
import type { SearchDoc } from '../../search'

export const LEADERBOARD_FIELDS = [
  'team',
  'status',
  'license',
  'tag',
  'code',
  'eligible',
  'winner',
  'baseline',
  'flagged',
  'reason'
] as const
export const LEADERBOARD_ALIASES = { licence: 'license', name: 'team', entry: 'team', problem: 'code' }

const CODE = /\b[A-Z]+(?:_[A-Z]+)+\b/g

/**
 * What one leaderboard row offers to the search. Only the row's label names the team, so an
 * anonymized board cannot be searched by real name.
 */
export function leaderboardDoc(row: LeaderboardRow, team: TeamRow | undefined, joint: boolean): SearchDoc {
  const report = team?.verdict ?? null
  const codes = new Set<string>([...(report?.errors ?? []), ...(report?.warnings ?? [])])
  for (const reason of row.reasons) for (const m of reason.matchAll(CODE)) codes.add(m[0])
  return {
    team: row.label,
    status: team?.submission?.status ?? null,
    license: report?.license ? [report.license.kind] : [],
    tag: report ? [team?.submission?.tag ?? '', report.tagType ?? 'missing'] : [],
    code: [...codes],
    // yes/no values: `@eligible:yes` must not also find "ineligible".
    eligible: row.eligible ? 'yes' : 'no',
    winner: row.winner ? (joint ? ['yes', 'joint'] : 'yes') : 'no',
    baseline: row.baseline ? 'yes' : 'no',
    flagged: row.flaggedReason,
    reason: row.reasons
  }
}
