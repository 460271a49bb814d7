import { openStore, type Store } from './db/store'
import { EventBus } from './events'
import { createHandlers } from './services'
import type { Handlers } from './services/handlers'

export interface Runtime {
  store: Store
  events: EventBus
  handlers: Handlers
  dataDir: string
  close(): void
}

/** The main-process services on one data dir: what Electron, `serve` and the CLI share. */
export function startRuntime(options: {
  dataDir: string
  transport: 'electron' | 'http'
  nativeBinding?: string
}): Runtime {
  const store = openStore(options.dataDir, { nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const handlers = createHandlers({ store, events, dataDir: options.dataDir, transport: options.transport })
  return { store, events, handlers, dataDir: options.dataDir, close: () => store.close() }
}
