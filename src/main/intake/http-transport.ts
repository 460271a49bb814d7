// The HTTP connections of one fetch attempt, with our own timeouts.
//
// Without an agent, isomorphic-git's node client uses Node's global agent, whose keep-alive sockets
// time out after 5 s of silence: a real server that is still packing a large repository (git sends
// nothing while it counts and compresses objects) was cut off as "Request timed out". Here sockets have
// no timeout of their own; silence is measured per request by `raceIdle` against the documented idle
// timeout, and the whole attempt by the fetch timeout.

import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'

export class FetchAgents {
  private http: HttpAgent | undefined
  private https: HttpsAgent | undefined

  /** The agent for a request URL (a redirect may switch between http and https). */
  for(url: string): HttpAgent | HttpsAgent {
    if (url.toLowerCase().startsWith('https:')) return (this.https ??= new HttpsAgent({ keepAlive: true, maxSockets: 4 }))
    return (this.http ??= new HttpAgent({ keepAlive: true, maxSockets: 4 }))
  }

  /** Closes every socket of the attempt, including one a silent server still holds open. */
  destroy(): void {
    this.http?.destroy()
    this.https?.destroy()
  }
}

/** Rejects with `onIdle()` when `p` has not settled within `ms` (the server sent nothing meanwhile). */
export function raceIdle<T>(p: Promise<T>, ms: number, onIdle: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onIdle()), ms)
  })
  return Promise.race([p, idle]).finally(() => clearTimeout(timer))
}
