// The renderer's one API client. In Electron the preload exposes `window.podiumBridge` (IPC);
// in a browser (serve mode) the same contract runs over HTTP with the per-run token.
import { unwrapEnvelope, type Envelope, type PodiumApi, type PodiumBridge, type PodiumEvent } from '../../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (serve mode). */
    podiumBridge?: PodiumBridge
  }
}

const TOKEN_KEY = 'podium.token'

function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    // Keep the secret out of the address bar and history.
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.toString())
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpApi(): PodiumApi {
  const token = takeToken()
  return {
    async call(channel, request) {
      const response = await fetch(`/api/call/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request)
      })
      return unwrapEnvelope((await response.json()) as Envelope<never>)
    },
    onEvent(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as PodiumEvent)
      return () => source.close()
    }
  }
}

function electronApi(bridge: PodiumBridge): PodiumApi {
  return {
    call: async (channel, request) => unwrapEnvelope(await bridge.invoke(channel, request)) as never,
    onEvent: (listener) => bridge.onEvent(listener)
  }
}

export const api: PodiumApi = window.podiumBridge ? electronApi(window.podiumBridge) : httpApi()
