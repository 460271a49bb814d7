import { createConvai2Demo, CONVAI2_DEMO_SLUG } from '../demo/convai2-seed'
import { createDemoChallenge, DEMO_SLUG } from '../demo/seed'
import { parseCommandArgs, withRuntime } from './args'
import type { Command } from './commands'

const DEMOS = [
  { slug: DEMO_SLUG, create: createDemoChallenge },
  { slug: CONVAI2_DEMO_SLUG, create: createConvai2Demo }
]

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo [--data DIR]',
  summary: 'generate the demo challenges (SIMMC and ConvAI2: gold sets and team repositories) in the data dir',
  async run(argv) {
    const { values } = parseCommandArgs('demo', argv, { data: { type: 'string' } })
    return withRuntime(values.data, async (runtime) => {
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
  }
}
