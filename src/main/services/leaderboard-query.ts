import { ApiError } from '../../shared/api'
import { COMBINED_DOMAIN, type Challenge } from '../../shared/challenge'
import type { SeSource } from '../../shared/ranking'
import type { LeaderboardView, MetricCell, RankingMethodName } from '../../shared/views'
import type { StoredEvaluation } from '../db/evaluations'
import type { Store } from '../db/store'
import type { CheckReport } from '../../shared/intake'
import type { DuplicateStatus, Team } from '../../shared/teams'
import { metricCells } from './evaluation-views'
import { duplicateStatuses } from './duplicates'
import { buildLeaderboard } from './leaderboard'

/**
 * Combination rule `mean`: the mean of the per-domain values; the std error of a mean of
 * k independent estimates, sqrt(Σ se²) / k. A team missing a domain has no combined value.
 */
export function combineDomains(perDomain: Array<Record<string, MetricCell>>, domains: number): Record<string, MetricCell> | null {
  if (perDomain.length !== domains || domains === 0) return null
  const names = Object.keys(perDomain[0]!).filter((name) => perDomain.every((cells) => cells[name]))
  return Object.fromEntries(
    names.map((name) => {
      const cells = perDomain.map((c) => c[name]!)
      const value = cells.reduce((sum, c) => sum + c.value, 0) / domains
      const stderr = cells.every((c) => c.stderr !== null) ? Math.sqrt(cells.reduce((sum, c) => sum + c.stderr! ** 2, 0)) / domains : null
      return [name, { value, stderr }]
    })
  )
}

/** What every leaderboard of a challenge is built from: read once, however many boards. */
export interface BoardData {
  teams: Array<{ team: Team; report: CheckReport | null; duplicate?: DuplicateStatus }>
  evaluations: Array<StoredEvaluation & { teamId: number }>
}

export function loadBoardData(store: Store, challenge: Challenge): BoardData {
  const duplicates = duplicateStatuses(store, challenge.id)
  return {
    teams: store.teams.list(challenge.id).map((team) => {
      const duplicate = duplicates.get(team.id)
      return { team, report: team.submission ? store.submissions.report(team.submission.id) : null, ...(duplicate ? { duplicate } : {}) }
    }),
    evaluations: store.evaluations.forChallenge(challenge.id)
  }
}

/** One category × domain leaderboard (each team's latest submission). */
export function leaderboardFor(
  data: BoardData,
  challenge: Challenge,
  categoryId: string,
  domain: string,
  options: { anonymized: boolean; method: RankingMethodName; seSource: SeSource; metric?: string }
): LeaderboardView {
  const { config } = challenge
  const task = config.categories.find((c) => c.id === categoryId)?.task
  const combined = domain === COMBINED_DOMAIN
  if (combined && config.combination !== 'mean') {
    throw new ApiError('BAD_REQUEST', `challenge ${challenge.slug} ranks per domain; it has no combined leaderboard`)
  }
  const evaluations = data.evaluations.filter((e) => e.task === task)
  const cellsOf = (teamId: number): Record<string, MetricCell> | null => {
    const mine = evaluations.filter((e) => e.teamId === teamId)
    if (combined)
      return combineDomains(
        config.domains.flatMap((d) => cellsIn(mine, d)),
        config.domains.length
      )
    return cellsIn(mine, domain)[0] ?? null
  }
  return buildLeaderboard({
    challenge,
    categoryId,
    domain,
    ...options,
    teams: data.teams.map((t) => ({ ...t, metrics: cellsOf(t.team.id) }))
  })
}

const cellsIn = (evaluations: StoredEvaluation[], domain: string): Array<Record<string, MetricCell>> =>
  evaluations.filter((e) => e.domain === domain).map(metricCells)
