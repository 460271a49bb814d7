#!/usr/bin/env node
// `npx podium …`: the headless CLI (built main-process code under out/main).
const { join } = require('node:path')
const { ensureBuilt, root } = require('./ensure-built')

ensureBuilt()
require(join(root, 'out', 'main', 'cli.js'))
