import { recordWitnesses } from '../services/witness-service'
import { defineCommand, flag, text } from './define-command'

export const witnessCommand = defineCommand({
  name: 'witness',
  usage: '[--challenge ID] [--data DIR] [--json]',
  summary: "record, at the deadline, each team's tag → object → commit (later intake raises TAG_MOVED)",
  options: { challenge: text, data: text, json: flag },
  run: ({ values, withRuntime, challenge: pick }) =>
    withRuntime(async (runtime) => {
      const challenge = pick(runtime)
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
})
