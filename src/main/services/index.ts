import { schemaVersion } from '../db/database'
import type { Store } from '../db/store'
import type { EventBus } from '../events'
import { PODIUM_VERSION } from '../version'
import { notFound, requireId, type Handlers } from './handlers'

export interface ServiceContext {
  store: Store
  dataDir: string
  events: EventBus
  transport: 'electron' | 'http'
}

/** Every API channel's implementation, shared by the Electron and HTTP transports. */
export function createHandlers(ctx: ServiceContext): Handlers {
  const { store } = ctx
  return {
    'app.info': () => ({
      version: PODIUM_VERSION,
      transport: ctx.transport,
      dataDir: ctx.dataDir,
      dbPath: store.path,
      schemaVersion: schemaVersion(store.db)
    }),
    'challenges.list': () => store.challenges.list(),
    'challenges.get': (req) => {
      const id = requireId(req, 'challengeId')
      return store.challenges.get(id) ?? notFound(`challenge ${id}`)
    },
    'teams.list': (req) => store.teams.list(requireId(req, 'challengeId')),
    'audit.list': (req) =>
      store.audit.list(requireId(req, 'challengeId'), req.teamId ?? null, Math.min(req.limit ?? 200, 1000))
  }
}
