// The demo teams: each a real git repository whose history exercises one intake verdict.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { SIMMC_ENTRY_TAG } from '../../shared/simmc'
import { predictionFiles, type GoldSet } from './simmc-data'

export type DemoScenario = 'on-time' | 'late-tag' | 'lightweight-tag' | 'missing-file' | 'gpl-license' | 'code-changed'

export interface DemoTeam {
  name: string
  contact: string
  quality: number
  scenario: DemoScenario
  baseline?: boolean
}

export const DEMO_TEAMS: DemoTeam[] = [
  { name: 'Aurora Labs', contact: 'aurora@example.org', quality: 0.86, scenario: 'on-time' },
  { name: 'Blue Heron NLP', contact: 'heron@example.org', quality: 0.84, scenario: 'on-time' },
  { name: 'Cobalt Dialog', contact: 'cobalt@example.org', quality: 0.7, scenario: 'lightweight-tag' },
  { name: 'Delta Speech', contact: 'delta@example.org', quality: 0.9, scenario: 'late-tag' },
  { name: 'Ember AI', contact: 'ember@example.org', quality: 0.62, scenario: 'missing-file' },
  { name: 'Fjord Research', contact: 'fjord@example.org', quality: 0.8, scenario: 'gpl-license' },
  { name: 'Garnet Group', contact: 'garnet@example.org', quality: 0.75, scenario: 'code-changed' },
  { name: 'Harbor Bots', contact: 'harbor@example.org', quality: 0.45, scenario: 'on-time' },
  { name: 'SIMMC baseline', contact: 'organizers@example.org', quality: 0.5, scenario: 'on-time', baseline: true }
]

const MIT = `MIT License\n\nCopyright (c) 2020 the team\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\nin the Software without restriction...\n`
const GPL = `GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nCopyright (C) 2007 Free Software Foundation, Inc.\n`

// Dates as git records them; the deadline is 2020-09-27T23:59:59-12:00.
const BEFORE = '2020-09-26T18:30:00-07:00'
const AFTER_DEADLINE = '2020-09-29T09:00:00-07:00'
const PREDICTIONS = '2020-10-03T10:00:00-07:00'

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')

/** Writes the team's repository under `reposDir` and returns its path. */
export function writeDemoRepo(team: DemoTeam, reposDir: string, golds: GoldSet[]): string {
  const dir = join(reposDir, slug(team.name))
  mkdirSync(dir, { recursive: true })
  const git = (args: string[], date = BEFORE): void => {
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: team.name,
        GIT_AUTHOR_EMAIL: team.contact,
        GIT_COMMITTER_NAME: team.name,
        GIT_COMMITTER_EMAIL: team.contact,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: dir
      }
    })
  }
  const write = (path: string, content: string | Buffer): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  git(['init', '-q', '-b', 'main'])
  write('LICENSE', team.scenario === 'gpl-license' ? GPL : MIT)
  write('README.md', `# ${team.name} entry for DSTC9 SIMMC\n`)
  write('src/train.py', `# training code of ${team.name}\nprint("train")\n`)
  write('models/model.bin', Buffer.alloc(4096, team.name.length))
  git(['add', '-A'])
  git(['commit', '-q', '-m', 'Model and code for the entry'])

  const tagDate = team.scenario === 'late-tag' ? AFTER_DEADLINE : BEFORE
  if (team.scenario === 'lightweight-tag') git(['tag', SIMMC_ENTRY_TAG])
  else git(['tag', '-a', SIMMC_ENTRY_TAG, '-m', 'DSTC9 SIMMC entry'], tagDate)

  for (const gold of golds) {
    const domain = gold.domain
    const files = predictionFiles(gold, { quality: team.quality, seed: team.name })
    for (const [name, text] of Object.entries(files)) {
      if (team.scenario === 'missing-file' && domain === 'furniture' && name.endsWith('retrieval.json')) continue
      write(`predictions/${name}`, text)
    }
  }
  if (team.scenario === 'code-changed') write('src/train.py', '# retrained after the deadline\nprint("train v2")\n')
  git(['add', '-A'], PREDICTIONS)
  git(['commit', '-q', '-m', 'Test-std predictions'], PREDICTIONS)
  return dir
}
