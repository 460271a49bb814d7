// The bundled demo challenge: a SIMMC-format gold set and ~8 team repositories,
// generated (not copied) so that a first start shows a real, non-empty console.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { SIMMC_DEADLINE, SIMMC_ENTRY_TAG, simmcChallengeConfig } from '../../shared/simmc'
import type { Runtime } from '../runtime'
import { assignAnonymousIds, baselineLabel } from '../ranking/anonymize'
import { createConvai2Demo } from './convai2-seed'
import { generateGold, goldFiles, type Domain } from './simmc-data'
import { DEMO_TEAMS, simmcDemoPredictions, writeDemoRepo } from './demo-teams'

export const DEMO_SLUG = 'simmc-dstc9-demo'
const DOMAINS: Domain[] = ['fashion', 'furniture']
const DIALOGS_PER_DOMAIN = 60

/** Creates the demo challenges (SIMMC, then ConvAI2) unless the database already has any challenge. */
export async function ensureDemoChallenge(runtime: Runtime): Promise<number | null> {
  if (runtime.store.challenges.list().length > 0) return null
  const id = await createDemoChallenge(runtime)
  await createConvai2Demo(runtime)
  return id
}

export async function createDemoChallenge(runtime: Runtime): Promise<number> {
  const { store, dataDir } = runtime
  if (store.challenges.getBySlug(DEMO_SLUG)) {
    throw new Error(`the demo challenge already exists in ${store.path}`)
  }
  const demoDir = join(dataDir, 'demo')
  rmSync(demoDir, { recursive: true, force: true })
  const goldDir = join('demo', 'gold')
  const golds = DOMAINS.map((domain) => generateGold(domain, { dialogs: DIALOGS_PER_DOMAIN, seed: 'podium-demo' }))
  for (const gold of golds) {
    const dir = join(dataDir, goldDir, gold.domain)
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of Object.entries(goldFiles(gold))) writeFileSync(join(dir, name), text)
  }
  // Repositories first (slow, outside the transaction); then every row in one transaction.
  const repos: Array<{ team: (typeof DEMO_TEAMS)[number]; path: string }> = []
  for (const team of DEMO_TEAMS)
    repos.push({
      team,
      path: await writeDemoRepo(team, join(demoDir, 'repos'), { tag: SIMMC_ENTRY_TAG, predictions: simmcDemoPredictions(team, golds) })
    })
  const anonSeed = randomBytes(16).toString('hex')
  const anonIds = assignAnonymousIds(
    DEMO_TEAMS.filter((t) => !t.baseline).map((t) => t.name),
    anonSeed
  )
  return store.db.transaction(() => {
    const challengeId = store.challenges.insert({
      slug: DEMO_SLUG,
      name: 'SIMMC DSTC9 (demo)',
      kind: 'simmc',
      deadline: SIMMC_DEADLINE,
      entryTag: SIMMC_ENTRY_TAG,
      config: simmcChallengeConfig(goldDir),
      anonSeed
    })
    for (const { team, path } of repos) {
      const teamId = store.teams.insert({
        challengeId,
        name: team.name,
        repo: path,
        contact: team.contact,
        anonId: team.baseline ? baselineLabel(team.name) : anonIds.get(team.name)!,
        isBaseline: team.baseline ?? false,
        flaggedReason: null
      })
      store.submissions.create(teamId, SIMMC_ENTRY_TAG)
    }
    store.audit.record({ challengeId, action: 'challenge.created', detail: 'demo challenge generated' })
    return challengeId
  })()
}
