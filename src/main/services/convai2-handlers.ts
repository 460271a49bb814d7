// API channels of the ConvAI2 track: its leaderboard and the wild (human) evaluation.
import { ApiError } from '../../shared/api'
import type { Store } from '../db/store'
import { isAnonymized, requireId, type Handlers } from './handlers'
import { convai2LeaderboardView } from './convai2-view'
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

export function convai2Handlers(store: Store, wild: WildService): Pick<Handlers, Convai2Channels> {
  return {
    'convai2.leaderboard': (req) => {
      const challengeId = requireId(req, 'challengeId')
      const challenge = store.challenges.get(challengeId)
      if (!challenge) throw new ApiError('NOT_FOUND', `challenge ${challengeId} does not exist`)
      if (challenge.kind !== 'convai2') throw new ApiError('BAD_REQUEST', `challenge ${challenge.slug} is not a ConvAI2 challenge`)
      return convai2LeaderboardView(store, challengeId, isAnonymized(req), wild.status().stats)
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
