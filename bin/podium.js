#!/usr/bin/env node
// `npx podium …`: the headless CLI (built main-process code under out/main).
const { join } = require('node:path')
const module_ = require('node:module')
const { ensureBuilt, root } = require('./ensure-built')

// V8 keeps the compiled bundle on disk between runs (Node ≥ 22.1; older Node has no such API).
module_.enableCompileCache?.()
ensureBuilt()
// `score` has an entry of its own that loads only the scorers: no database, server or UI code.
require(join(root, 'out', 'main', process.argv[2] === 'score' ? 'score.js' : 'cli.js'))
