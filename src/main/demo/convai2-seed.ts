// The ConvAI2 demo challenge: a generated gold set, six team repositories with the metrics
// each chose to submit (as on the public table, not every team reports every metric), and a
// bot per wild-evaluation team.
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { convai2ChallengeConfig } from '../../shared/convai2'
import { assignAnonymousIds } from '../ranking/anonymize'
import type { Runtime } from '../runtime'
import { convai2GoldFile, convai2PredictionFiles, generateConvai2Gold } from './convai2-data'
import { DEMO_BOT_PREFIX } from '../convai2/demo-bot'
import { writeDemoRepo, type DemoDates, type DemoTeam } from './demo-teams'

export const CONVAI2_DEMO_SLUG = 'convai2-demo'
const TAG = 'convai2-entry'
const DEADLINE = '2018-09-30T23:59:59-12:00'
const DATES: DemoDates = {
  before: '2018-09-28T12:00:00-07:00',
  afterDeadline: '2018-10-02T12:00:00-07:00',
  predictions: '2018-10-01T09:00:00-07:00'
}
const EXAMPLES = 300

type Metric = 'f1' | 'hits1' | 'ppl'
/** `bot`: the team's wild-evaluation bot is the built-in demo bot (src/main/convai2/demo-bot.ts). */
const TEAMS: Array<DemoTeam & { metrics: Metric[]; bot?: boolean }> = [
  { name: 'Lighthouse', contact: 'lighthouse@example.org', quality: 0.9, scenario: 'on-time', metrics: ['f1', 'hits1', 'ppl'], bot: true },
  { name: 'Marmot', contact: 'marmot@example.org', quality: 0.75, scenario: 'on-time', metrics: ['f1', 'ppl'], bot: true },
  { name: 'Nimbus Chat', contact: 'nimbus@example.org', quality: 0.6, scenario: 'on-time', metrics: ['hits1'] },
  { name: 'Orchid Labs', contact: 'orchid@example.org', quality: 0.8, scenario: 'late-tag', metrics: ['f1', 'hits1', 'ppl'] },
  { name: 'Pelican', contact: 'pelican@example.org', quality: 0.35, scenario: 'on-time', metrics: ['f1', 'hits1', 'ppl'] },
  { name: 'Quokka', contact: 'quokka@example.org', quality: 0.7, scenario: 'gpl-license', metrics: ['f1'] }
]

export async function createConvai2Demo(runtime: Runtime): Promise<number> {
  const { store, dataDir } = runtime
  const root = join(dataDir, 'demo-convai2')
  rmSync(root, { recursive: true, force: true })
  const goldDir = join('demo-convai2', 'gold')
  const gold = generateConvai2Gold(EXAMPLES, 'podium-demo')
  mkdirSync(join(dataDir, goldDir, 'test'), { recursive: true })
  writeFileSync(join(dataDir, goldDir, 'test', 'convai2_test_gold.jsonl'), convai2GoldFile(gold))
  const repos: string[] = []
  for (const team of TEAMS) {
    const predictions = convai2PredictionFiles(gold, { quality: team.quality, seed: team.name, metrics: team.metrics })
    repos.push(await writeDemoRepo(team, join(root, 'repos'), { tag: TAG, predictions, dates: DATES }))
  }
  const anonSeed = randomBytes(16).toString('hex')
  const anonIds = assignAnonymousIds(
    TEAMS.map((t) => t.name),
    anonSeed
  )
  return store.db.transaction(() => {
    const challengeId = store.challenges.insert({
      slug: CONVAI2_DEMO_SLUG,
      name: 'ConvAI2 (demo)',
      kind: 'convai2',
      deadline: DEADLINE,
      entryTag: TAG,
      config: convai2ChallengeConfig(goldDir),
      anonSeed
    })
    TEAMS.forEach((team, i) => {
      const teamId = store.teams.insert({
        challengeId,
        name: team.name,
        repo: repos[i]!,
        contact: team.contact,
        anonId: anonIds.get(team.name)!,
        isBaseline: false,
        flaggedReason: null
      })
      store.submissions.create(teamId, TAG)
      if (team.bot) store.convai2.upsertBot({ name: `${team.name} bot`, token: `${DEMO_BOT_PREFIX}${teamId}`, teamId })
    })
    store.audit.record({ challengeId, action: 'challenge.created', detail: 'ConvAI2 demo challenge generated' })
    return challengeId
  })()
}
