#!/usr/bin/env node
// `npm start`: the Electron window where the Electron binary exists; otherwise the same
// console in a browser (`podium serve`), saying why no window opened.
const { spawn } = require('node:child_process')
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const { ensureBuilt, root } = require('./ensure-built')

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    const path = require(require.resolve('electron', { paths: [root] }))
    if (typeof path !== 'string' || !existsSync(path)) return { reason: 'the Electron binary is not installed' }
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' }
    }
    return { path }
  } catch (error) {
    return { reason: `the Electron binary is not installed (${String(error.message).split('\n')[0]})` }
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}

ensureBuilt()
const extra = process.argv.slice(2)
const electron = electronBinary()
if (electron.path) {
  if (!existsSync(join(root, 'native', 'electron', 'better_sqlite3.node'))) {
    require('child_process').execFileSync(process.execPath, [join(__dirname, 'build-electron-sqlite.js')], {
      cwd: root,
      stdio: 'inherit'
    })
  }
  run(electron.path, ['.', ...extra])
} else {
  const reason = `No Electron window: ${electron.reason}. Serving the same console to your browser instead.`
  run(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', '--reason', reason, ...extra])
}
