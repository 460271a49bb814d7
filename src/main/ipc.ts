// The Electron transport's main side, without Electron: what `ipcMain.handle` runs for a call.
import { isChannel, type Envelope } from '../shared/api'
import { dispatch, type Handlers } from './services/handlers'

/** Answers one IPC call with an envelope; a renderer can name any string, so check it first. */
export function answerIpcCall(handlers: Handlers, channel: unknown, request: unknown): Promise<Envelope<unknown>> {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `no API channel ${String(channel)}` } })
  }
  return dispatch(handlers, channel, request)
}
