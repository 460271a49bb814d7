// Builds out/ with electron-vite when it is missing or older than the sources, so that
// `npm start` and `npx podium` work straight after `npm install`.
const { existsSync, readdirSync, statSync } = require('node:fs')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')
const outputs = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']
const inputs = ['src', 'electron.config.ts', 'package.json']

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function isStale() {
  if (outputs.some((file) => !existsSync(join(root, file)))) return true
  const built = Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs))
  return inputs.some((input) => newestMtime(join(root, input)) > built)
}

function ensureBuilt() {
  if (!isStale()) return
  process.stderr.write('podium: building (electron-vite build)...\n')
  const pkg = require.resolve('electron-vite/package.json', { paths: [root] })
  const cli = join(dirname(pkg), require(pkg).bin['electron-vite'])
  // Build output goes to stderr: stdout belongs to the command (e.g. `score --json`).
  // Loaded only here: every podium start pays for what this file requires.
  require('node:child_process').execFileSync(process.execPath, [cli, 'build', '-c', 'electron.config.ts'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr]
  })
}

module.exports = { ensureBuilt, root }
