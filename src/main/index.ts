// The Electron shell: one window, IPC onto the same services `serve` and the CLI use.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { IPC_CALL, IPC_EVENT } from '../shared/api'
import { ensureDemoChallenge } from './demo/seed'
import { answerIpcCall } from './ipc'
import { electronSqliteBinding } from './native'
import { startRuntime, type Runtime } from './runtime'
import { isExternalLink, isOwnUrl, refuseIpcCaller, type OwnPage } from './shell-guards'

let runtime: Runtime | undefined

const ownPage: OwnPage = {
  file: join(__dirname, '../renderer/index.html'),
  devUrl: !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null
}
/** webContents ids of the console windows: the only IPC callers answered. */
const consoleWindows = new Set<number>()

/** Every web page Podium opens: no navigation away from our page, no new windows, no webviews. */
function guardContents(contents: WebContents): void {
  const stayHome = (event: Electron.Event, url: string): void => {
    if (!isOwnUrl(url, ownPage)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // Links open in the system browser (web and mail links only), never inside the console.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

function answerFrom(event: IpcMainInvokeEvent, channel: unknown, request: unknown, handlers: Runtime['handlers']) {
  const refused = refuseIpcCaller(
    { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame },
    consoleWindows,
    ownPage
  )
  if (refused) return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: refused } } as const)
  return answerIpcCall(handlers, channel, request)
}

/** Reports print through Chromium's own PDF engine in a hidden, script-less window. */
async function printPdf(html: string): Promise<Buffer> {
  const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false } })
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await window.webContents.printToPDF({ printBackground: true })
  } finally {
    window.destroy()
  }
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    show: false,
    title: 'Podium',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    }
  })
  window.once('ready-to-show', () => window.show())
  const id = window.webContents.id
  consoleWindows.add(id)
  window.on('closed', () => consoleWindows.delete(id))
  if (ownPage.devUrl) void window.loadURL(ownPage.devUrl)
  else void window.loadFile(ownPage.file)
  return window
}

async function start(): Promise<void> {
  await app.whenReady()
  // The console needs no camera, microphone, notifications or other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  const nativeBinding = electronSqliteBinding()
  if (!existsSync(nativeBinding)) {
    dialog.showErrorBox(
      'Podium cannot open its database',
      `The Electron build of better-sqlite3 is missing (${nativeBinding}). Run \`npm run build:electron-sqlite\`.`
    )
    app.quit()
    return
  }
  // `npm start -- --data DIR` works for the window as for serve.
  const dataFlag = process.argv.indexOf('--data')
  const dataDir = dataFlag > 0 && process.argv[dataFlag + 1] ? process.argv[dataFlag + 1]! : app.getPath('userData')
  runtime = startRuntime({ dataDir, transport: 'electron', nativeBinding, printPdf, resume: true })
  await ensureDemoChallenge(runtime)
  const handlers = runtime.handlers
  ipcMain.handle(IPC_CALL, (event, channel: unknown, request: unknown) => answerFrom(event, channel, request, handlers))
  runtime.events.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (consoleWindows.has(window.webContents.id)) window.webContents.send(IPC_EVENT, event)
    }
  })
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

app.on('web-contents-created', (_event, contents) => guardContents(contents))
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => void runtime?.close())

void start()
