// The demo teams: each a real git repository whose history exercises one intake verdict.
import { join } from 'node:path'
import { buildRepo } from '../intake/repo-builder'
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

/** When each demo commit and tag is dated, as git records it. */
export interface DemoDates {
  /** Code, model and (on-time) tag: before the deadline. */
  before: string
  /** The late team's tag. */
  afterDeadline: string
  predictions: string
}

/** Around the SIMMC deadline, 2020-09-27T23:59:59-12:00. */
export const SIMMC_DEMO_DATES: DemoDates = {
  before: '2020-09-26T18:30:00-07:00',
  afterDeadline: '2020-09-29T09:00:00-07:00',
  predictions: '2020-10-03T10:00:00-07:00'
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')

/** The SIMMC prediction files a demo team commits (the missing-file team leaves one out). */
export function simmcDemoPredictions(team: DemoTeam, golds: GoldSet[]): Record<string, string> {
  const files: Record<string, string> = {}
  for (const gold of golds) {
    for (const [name, text] of Object.entries(predictionFiles(gold, { quality: team.quality, seed: team.name }))) {
      if (team.scenario === 'missing-file' && gold.domain === 'furniture' && name.endsWith('retrieval.json')) continue
      files[name] = text
    }
  }
  return files
}

/**
 * Writes the team's repository (a normal clone with a work tree) under `reposDir`: code and
 * model tagged before the deadline, then the predictions commit. Returns its path.
 */
export async function writeDemoRepo(
  team: DemoTeam,
  reposDir: string,
  options: { tag: string; predictions: Record<string, string>; dates?: DemoDates }
): Promise<string> {
  const dates = options.dates ?? SIMMC_DEMO_DATES
  const author = { name: team.name, email: team.contact }
  const predictions: Record<string, string> = {}
  for (const [name, text] of Object.entries(options.predictions)) predictions[`predictions/${name}`] = text
  if (team.scenario === 'code-changed') predictions['src/train.py'] = '# retrained after the deadline\nprint("train v2")\n'
  const built = await buildRepo(join(reposDir, slug(team.name)), {
    bare: false,
    commits: [
      {
        message: 'Model and code for the entry',
        date: dates.before,
        author,
        committer: author,
        files: {
          LICENSE: team.scenario === 'gpl-license' ? GPL : MIT,
          'README.md': `# ${team.name}: challenge entry\n`,
          'src/train.py': `# training code of ${team.name}\nprint("train")\n`,
          'models/model.bin': new Uint8Array(4096).fill(team.name.length)
        },
        tags: [
          team.scenario === 'lightweight-tag'
            ? { name: options.tag, annotated: false }
            : {
                name: options.tag,
                message: 'Challenge entry',
                tagger: author,
                date: team.scenario === 'late-tag' ? dates.afterDeadline : dates.before
              }
        ]
      },
      { message: 'Test-set predictions', date: dates.predictions, author, committer: author, files: predictions }
    ]
  })
  return built.dir
}
