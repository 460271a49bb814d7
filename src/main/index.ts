// The Electron shell: one window, IPC onto the same services `serve` and the CLI use.
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { IPC_CALL, IPC_EVENT } from '../shared/api'
import { ensureDemoChallenge } from './demo/seed'
import { answerIpcCall } from './ipc'
import { electronSqliteBinding } from './native'
import { startRuntime, type Runtime } from './runtime'

let runtime: Runtime | undefined

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
  // Links open in the system browser, never inside the console.
  window.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url)
    return { action: 'deny' }
  })
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && devUrl) void window.loadURL(devUrl)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}

async function start(): Promise<void> {
  await app.whenReady()
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
  ipcMain.handle(IPC_CALL, (_event, channel: unknown, request: unknown) => answerIpcCall(handlers, channel, request))
  runtime.events.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT, event)
  })
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => void runtime?.close())

void start()
