// The Electron shell's guards as pure functions (no Electron import, so they are tested without
// the binary): which page is ours, which IPC caller is trusted, which link may leave the app.
import { pathToFileURL } from 'node:url'

/** Where the console's own page lives: the built renderer file, or the dev server in development. */
export interface OwnPage {
  /** Absolute path of out/renderer/index.html. */
  file: string
  /** ELECTRON_RENDERER_URL in development (its origin is ours), else null. */
  devUrl: string | null
}

/** Our own page (any hash or query of it): the only place the window may navigate to. */
export function isOwnUrl(url: string, own: OwnPage): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (own.devUrl !== null) return parsed.origin === new URL(own.devUrl).origin
  return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(own.file).pathname
}

/** What Electron tells about an IPC caller (event.sender, event.senderFrame). */
export interface IpcCaller {
  webContentsId: number
  /** The calling frame's URL; undefined when the frame is gone. */
  frameUrl: string | undefined
  /** The call comes from the top frame of its page, not from an iframe inside it. */
  isMainFrame: boolean
}

/** Why an IPC call is refused, or null when it comes from our window's own page. */
export function refuseIpcCaller(caller: IpcCaller, ourWindows: ReadonlySet<number>, own: OwnPage): string | null {
  if (!ourWindows.has(caller.webContentsId)) return 'the call does not come from a Podium window'
  if (!caller.isMainFrame) return 'the call comes from a frame inside the page'
  if (caller.frameUrl === undefined || !isOwnUrl(caller.frameUrl, own))
    return `the calling page ${caller.frameUrl ?? '(gone)'} is not Podium's`
  return null
}

/** Links the console may hand to the system browser (never file:, javascript: or custom schemes). */
export function isExternalLink(url: string): boolean {
  try {
    return ['https:', 'http:', 'mailto:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}
