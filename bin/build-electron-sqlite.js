#!/usr/bin/env node
// Compiles a copy of better-sqlite3 for Electron's ABI into native/electron/, leaving the
// Node build in node_modules untouched (tests, CLI and serve keep using it).
// Needs the Electron headers or prebuilt binaries from the internet, so it runs on a
// user's machine, never in CI.
const { execFileSync } = require('node:child_process')
const { cpSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version
const source = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }))
const work = mkdtempSync(join(tmpdir(), 'podium-sqlite-'))
const target = join(root, 'native', 'electron')

try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) })
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion }
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source, root] })
  try {
    execFileSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion], {
      cwd: work,
      env,
      stdio: 'inherit'
    })
  } catch {
    const gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath), root] })
    execFileSync(
      process.execPath,
      [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, env, stdio: 'inherit' }
    )
  }
  mkdirSync(target, { recursive: true })
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(target, 'better_sqlite3.node'))
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${join(target, 'better_sqlite3.node')}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
