import { recordWitnesses } from '../services/witness-service'
import { parseCommandArgs, withRuntime } from './args'
import type { Command } from './commands'
import { pickChallenge } from './intake-command'

export const witnessCommand: Command = {
  name: 'witness',
  usage: 'witness [--challenge ID] [--data DIR] [--json]',
  summary: "record, at the deadline, each team's tag → object → commit (later intake raises TAG_MOVED)",
  async run(argv) {
    const { values } = parseCommandArgs('witness', argv, {
      challenge: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' }
    })
    return withRuntime(values.data, async (runtime) => {
      const challenge = pickChallenge(runtime, 'witness', values.challenge)
      const records = await recordWitnesses(runtime.store, challenge)
      const names = new Map(runtime.store.teams.list(challenge.id).map((t) => [t.id, t.name]))
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(
            records.map((r) => ({ team: names.get(r.teamId), ...r })),
            null,
            2
          )}\n`
        )
      } else {
        for (const r of records) {
          const what = r.error ? `not seen: ${r.error}` : `${r.tagObject} → ${r.commit}`
          process.stdout.write(`${String(names.get(r.teamId)).padEnd(24)} ${r.tag} ${what} (${r.seenAt})\n`)
        }
      }
      return 0
    })
  }
}
