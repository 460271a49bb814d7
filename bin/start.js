#!/usr/bin/env node
// `npm start`: the Electron window where the Electron binary exists; otherwise the same
// console in a browser (`podium serve`), saying why no window opened.
const { execFileSync, spawn, spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')
const { ensureBuilt, root } = require('./ensure-built')

/**
 * The Electron binary, without letting the electron package download it noisily on require:
 * we read its path.txt ourselves and, when missing, try its installer once, quietly.
 */
function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json', { paths: [root] }))
  } catch {
    return { reason: 'the electron package is not installed' }
  }
  const binary = () => {
    const pathFile = join(pkgDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const full = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(full) ? full : null
  }
  let path = binary()
  if (!path && !process.argv.includes('--serve')) {
    process.stderr.write('podium: fetching the Electron binary (once)...\n')
    const install = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, encoding: 'utf8', timeout: 180_000 })
    path = binary()
    if (!path) {
      const why = `${install.stderr || install.stdout || ''}`.split('\n').find((l) => /error|failed/i.test(l))
      return { reason: `the Electron binary is not installed and could not be downloaded${why ? ` (${why.trim()})` : ''}` }
    }
  }
  if (!path) return { reason: 'serve mode was asked for (--serve)' }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' }
  }
  return { path }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}

ensureBuilt()
const extra = process.argv.slice(2).filter((arg) => arg !== '--serve')
const electron = electronBinary()
if (electron.path) {
  if (!existsSync(join(root, 'native', 'electron', 'better_sqlite3.node'))) {
    execFileSync(process.execPath, [join(__dirname, 'build-electron-sqlite.js')], {
      cwd: root,
      stdio: 'inherit'
    })
  }
  run(electron.path, ['.', ...extra])
} else {
  const reason = `No Electron window: ${electron.reason}. Serving the same console to your browser instead.`
  run(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', '--reason', reason, ...extra])
}
