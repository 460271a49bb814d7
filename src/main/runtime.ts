import { openStore, type Store } from './db/store'
import { EventBus } from './events'
import { chromiumPrintPdf } from './reports/chromium-pdf'
import { ScoringPool } from './scoring/pool'
import { createHandlers } from './services'
import type { Handlers } from './services/handlers'
import { IntakeQueue } from './services/intake-queue'
import { WildService } from './services/wild-service'
import type { PdfPrinter } from './services/reports'

export interface Runtime {
  store: Store
  events: EventBus
  handlers: Handlers
  intake: IntakeQueue
  pool: ScoringPool
  dataDir: string
  close(): Promise<void>
}

/** The main-process services on one data dir: what Electron, `serve` and the CLI share. */
export function startRuntime(options: {
  dataDir: string
  transport: 'electron' | 'http'
  nativeBinding?: string
  printPdf?: PdfPrinter
  workers?: number
  /** Queue again the submissions a crash or quit left running (the app, not one-shot commands). */
  resume?: boolean
}): Runtime {
  const store = openStore(options.dataDir, { nativeBinding: options.nativeBinding })
  const events = new EventBus()
  // Workers start on first use: commands that score nothing never spawn one.
  const pool = new ScoringPool({ ...(options.workers ? { size: options.workers } : {}) })
  const intake = new IntakeQueue({ store, events, pool, dataDir: options.dataDir })
  const wild = new WildService({ store, events })
  const handlers = createHandlers({
    wild,
    store,
    events,
    intake,
    pool,
    dataDir: options.dataDir,
    transport: options.transport,
    printPdf: options.printPdf ?? chromiumPrintPdf
  })
  if (options.resume) {
    intake.recoverInterrupted()
    // The Bot API comes back with the console if it was running (bots keep their URL).
    void wild.resume()
  }
  return {
    store,
    events,
    handlers,
    intake,
    pool,
    dataDir: options.dataDir,
    async close() {
      // Hands back the submissions this process holds before the pool cancels their scoring.
      intake.close()
      await wild.close()
      await pool.close()
      store.close()
    }
  }
}
