// API channels of the ConvAI2 track: its leaderboard and the wild (human) evaluation.
import { ApiError } from '../../shared/api'
import type { Convai2Metric } from '../../shared/convai2'
import type { Convai2LeaderboardRow } from '../../shared/views'
import { buildConvai2Leaderboard, type Convai2Entry } from '../convai2/leaderboard'
import type { Store } from '../db/store'
import { teamLabel } from './evaluation-views'
import { isAnonymized, requireId, type Handlers } from './handlers'
import { duplicateFlag, duplicateStatuses } from './duplicates'
import { eligibilityFlags, labelsById, withDuplicate } from './leaderboard'
import type { WildService } from './wild-service'

type Convai2Channels =
  | 'convai2.leaderboard'
  | 'wild.status'
  | 'wild.start'
  | 'wild.registerBot'
  | 'wild.dialogs'
  | 'wild.startDialog'
  | 'wild.dialog'
  | 'wild.send'
  | 'wild.end'
  | 'wild.stop'
  | 'wild.unblockBot'
  | 'wild.setLimits'

const METRIC_OF_TASK: Record<string, Convai2Metric> = { 'convai2-f1': 'f1', 'convai2-hits1': 'hits1', 'convai2-ppl': 'ppl' }

export function convai2Handlers(store: Store, wild: WildService): Pick<Handlers, Convai2Channels> {
  return {
    'convai2.leaderboard': (req) => {
      const challengeId = requireId(req, 'challengeId')
      const challenge = store.challenges.get(challengeId)
      if (!challenge) throw new ApiError('NOT_FOUND', `challenge ${challengeId} does not exist`)
      if (challenge.kind !== 'convai2') throw new ApiError('BAD_REQUEST', `challenge ${challenge.slug} is not a ConvAI2 challenge`)
      const anonymized = isAnonymized(req)
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
      const stats = wild.status().stats
      const rows: Convai2LeaderboardRow[] = board.rows.map((row) => {
        const team = row.baseline ? undefined : byLabel.get(row.team)
        const human = team ? stats.find((s) => s.teamId === team.id) : undefined
        return {
          teamId: team?.id ?? null,
          label: row.team,
          baseline: row.baseline,
          metrics: row.metrics as Convai2LeaderboardRow['metrics'],
          bestIn: row.bestIn,
          beatsBaselinesIn: row.beatsBaselinesIn,
          eligible: row.eligible,
          reasons: row.reasons,
          position: row.position,
          wild: row.wild,
          human: human ? { quality: human.quality, roleplay: human.roleplay } : null
        }
      })
      return { anonymized, rows, wild: { slots: board.wild.slots, note: board.wild.note } }
    },
    'wild.status': (req) => wild.status(req?.challengeId === undefined ? null : requireId(req, 'challengeId')),
    'wild.start': (req) => wild.start(req?.port, req?.challengeId === undefined ? null : requireId(req, 'challengeId')),
    'wild.stop': () => wild.stop(),
    'wild.unblockBot': (req) => wild.unblock(requireId(req, 'botId')),
    'wild.setLimits': (req) => wild.setLimits(requireId(req, 'challengeId'), req.limits),
    'wild.registerBot': (req) => {
      const name = String(req.name ?? '').trim()
      if (!name) throw new ApiError('BAD_REQUEST', 'request.name: a bot needs a name')
      return wild.registerBot(name, req.teamId ?? null)
    },
    'wild.dialogs': (req) => wild.dialogs(req?.botId),
    'wild.startDialog': (req) => wild.startDialog(req?.botId === undefined ? undefined : requireId(req, 'botId')),
    'wild.dialog': (req) => wild.evaluatorView(requireId(req, 'chatId')),
    'wild.send': (req) => {
      const text = String(req.text ?? '').trim()
      if (!text) throw new ApiError('BAD_REQUEST', 'request.text: write a message first')
      return wild.send(requireId(req, 'chatId'), text)
    },
    'wild.end': (req) => {
      const chatId = requireId(req, 'chatId')
      wild.end(chatId, Number(req.quality), req.roleplay)
      return wild.evaluatorView(chatId)
    }
  }
}
