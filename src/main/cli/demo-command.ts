import { createDemoChallenge, DEMO_SLUG } from '../demo/seed'
import { parseCommandArgs, withRuntime } from './args'
import type { Command } from './commands'

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo [--data DIR]',
  summary: 'generate the demo SIMMC challenge (gold set and team repositories) in the data dir',
  async run(argv) {
    const { values } = parseCommandArgs('demo', argv, { data: { type: 'string' } })
    return withRuntime(values.data, async (runtime) => {
    const existing = runtime.store.challenges.getBySlug(DEMO_SLUG)
    if (existing) {
      process.stdout.write(`The demo challenge already exists (id ${existing.id}) in ${runtime.store.path}\n`)
      return 0
    }
    const id = await createDemoChallenge(runtime)
    const teams = runtime.store.teams.list(id)
    process.stdout.write(`Created the demo challenge (id ${id}) with ${teams.length} teams in ${runtime.dataDir}\n`)
    return 0
    })
  }
}
