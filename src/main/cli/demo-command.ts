import { createConvai2Demo, CONVAI2_DEMO_SLUG } from '../demo/convai2-seed'
import { createDemoChallenge, DEMO_SLUG } from '../demo/seed'
import { defineCommand, text } from './define-command'

const DEMOS = [
  { slug: DEMO_SLUG, create: createDemoChallenge },
  { slug: CONVAI2_DEMO_SLUG, create: createConvai2Demo }
]

export const demoCommand = defineCommand({
  name: 'demo',
  usage: '[--data DIR]',
  summary: 'generate the demo challenges (SIMMC and ConvAI2: gold sets and team repositories) in the data dir',
  options: { data: text },
  run: ({ withRuntime }) =>
    withRuntime(async (runtime) => {
      for (const demo of DEMOS) {
        const existing = runtime.store.challenges.getBySlug(demo.slug)
        if (existing) {
          process.stdout.write(`${existing.name} already exists (id ${existing.id}) in ${runtime.store.path}\n`)
          continue
        }
        const challenge = runtime.store.challenges.get(await demo.create(runtime))!
        const teams = runtime.store.teams.list(challenge.id)
        process.stdout.write(`Created ${challenge.name} (id ${challenge.id}) with ${teams.length} teams in ${runtime.dataDir}\n`)
      }
      return 0
    })
})
