import type { Challenge } from '../../shared/challenge'
import type { SeSource } from '../../shared/ranking'
import type { LeaderboardView, RankingMethodName } from '../../shared/views'
import type { Store } from '../db/store'
import { metricCells } from './evaluation-views'
import { buildLeaderboard } from './leaderboard'

/** One category × domain leaderboard from the database (each team's latest submission). */
export function leaderboardFor(
  store: Store,
  challenge: Challenge,
  categoryId: string,
  domain: string,
  options: { anonymized: boolean; method: RankingMethodName; seSource: SeSource; metric?: string }
): LeaderboardView {
  const task = challenge.config.categories.find((c) => c.id === categoryId)?.task
  const evaluations = store.evaluations.forChallenge(challenge.id).filter((e) => e.task === task && e.domain === domain)
  return buildLeaderboard({
    challenge,
    categoryId,
    domain,
    ...options,
    teams: store.teams.list(challenge.id).map((team) => {
      const evaluation = evaluations.find((e) => e.teamId === team.id)
      return {
        team,
        report: team.submission ? store.submissions.report(team.submission.id) : null,
        metrics: evaluation ? metricCells(evaluation) : null
      }
    })
  })
}
