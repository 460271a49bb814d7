// The ConvAI2 leaderboard as the console shows it (and the ConvAI2 report prints it).
import type { Convai2Metric, WildBotStats } from '../../shared/convai2'
import type { Convai2LeaderboardRow, Convai2LeaderboardView } from '../../shared/views'
import { buildConvai2Leaderboard, type Convai2Entry } from '../convai2/leaderboard'
import type { Store } from '../db/store'
import { duplicateFlag, duplicateStatuses } from './duplicates'
import { teamLabel } from './evaluation-views'
import { eligibilityFlags, labelsById, withDuplicate } from './leaderboard'

const METRIC_OF_TASK: Record<string, Convai2Metric> = { 'convai2-f1': 'f1', 'convai2-hits1': 'hits1', 'convai2-ppl': 'ppl' }

/** Teams beside the ParlAI baselines, best per metric, eligibility, wild slots and human scores. */
export function convai2LeaderboardView(
  store: Store,
  challengeId: number,
  anonymized: boolean,
  stats: readonly WildBotStats[]
): Convai2LeaderboardView {
  const teams = store.teams.list(challengeId).filter((t) => !t.isBaseline)
  const evaluations = store.evaluations.forChallenge(challengeId)
  const duplicates = duplicateStatuses(store, challengeId)
  const labelOf = labelsById(teams, anonymized)
  const entries: Convai2Entry[] = teams.map((team) => {
    const metrics: Convai2Entry['metrics'] = {}
    for (const e of evaluations.filter((x) => x.teamId === team.id)) {
      const metric = METRIC_OF_TASK[e.task]
      if (metric && e.metrics[metric] !== undefined) metrics[metric] = { value: e.metrics[metric]!, stderr: e.stderr[metric] ?? null }
    }
    const report = team.submission ? store.submissions.report(team.submission.id) : null
    const flags = withDuplicate(eligibilityFlags(team, report, anonymized), duplicateFlag(duplicates.get(team.id), labelOf))
    return { team: teamLabel(team, anonymized), metrics, ...flags }
  })
  const board = buildConvai2Leaderboard(entries)
  const byLabel = new Map(teams.map((t) => [teamLabel(t, anonymized), t]))
  const rows: Convai2LeaderboardRow[] = board.rows.map(({ team: label, entryId: _entryId, ...standing }) => {
    const team = standing.baseline ? undefined : byLabel.get(label)
    const human = team ? stats.find((s) => s.teamId === team.id) : undefined
    return {
      teamId: team?.id ?? null,
      label,
      ...standing,
      metrics: standing.metrics as Convai2LeaderboardRow['metrics'],
      human: human ? { quality: human.quality, roleplay: human.roleplay } : null
    }
  })
  return { anonymized, rows, wild: { slots: board.wild.slots, note: board.wild.note } }
}
