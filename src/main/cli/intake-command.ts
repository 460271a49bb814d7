import type { Challenge } from '../../shared/challenge'
import type { Runtime } from '../runtime'
import { parseCommandArgs, withRuntime, UsageError } from './args'
import type { Command } from './commands'

/** The challenge named by --challenge (id or slug), or the only one there is. */
export function pickChallenge(runtime: Runtime, command: string, given: string | undefined): Challenge {
  const all = runtime.store.challenges.list()
  const found = given === undefined ? (all.length === 1 ? all[0] : undefined) : all.find((c) => String(c.id) === given || c.slug === given)
  if (!found) {
    const known = all.map((c) => `${c.id} (${c.slug})`).join(', ') || 'none; run `podium demo`'
    throw new UsageError(`${command}: ${given === undefined ? 'give --challenge' : `no challenge "${given}"`}; challenges: ${known}`)
  }
  return runtime.store.challenges.get(found.id)!
}

export const intakeCommand: Command = {
  name: 'intake',
  usage: 'intake [--challenge ID] [--team NAME]... [--data DIR] [--json]',
  summary: 'fetch, check, validate and score submissions (all teams unless --team)',
  async run(argv) {
    const { values } = parseCommandArgs('intake', argv, {
      challenge: { type: 'string' },
      team: { type: 'string', multiple: true },
      data: { type: 'string' },
      json: { type: 'boolean' }
    })
    return withRuntime(values.data, async (runtime) => {
      const challenge = pickChallenge(runtime, 'intake', values.challenge)
      const teams = runtime.store.teams.list(challenge.id)
      const wanted = values.team ?? teams.map((t) => t.name)
      const unknown = wanted.filter((name) => !teams.some((t) => t.name === name))
      if (unknown.length) throw new UsageError(`intake: no team ${unknown.map((n) => `"${n}"`).join(', ')} in ${challenge.slug}`)
      const stop = runtime.events.subscribe((e) => {
        if (e.type === 'submission.status' && !values.json) {
          const team = teams.find((t) => t.id === e.teamId)?.name ?? e.teamId
          process.stderr.write(`${team}: ${e.status}${e.reason ? ` (${e.reason})` : ''}\n`)
        }
      })
      // Ctrl-C or a kill: hand the unfinished submissions back at once; the next run (or `serve`) resumes them.
      const interrupt = (signal: NodeJS.Signals): void => {
        runtime.intake.close()
        process.stderr.write(`intake: stopped by ${signal}; unfinished submissions resume on the next run\n`)
        process.exit(signal === 'SIGINT' ? 130 : 143)
      }
      process.once('SIGINT', interrupt)
      process.once('SIGTERM', interrupt)
      // Also resumes what an earlier run left unfinished for these teams, and waits for teams another process works on.
      runtime.intake.enqueue(teams.filter((t) => wanted.includes(t.name)).map((t) => t.id))
      await runtime.intake.idle()
      process.off('SIGINT', interrupt)
      process.off('SIGTERM', interrupt)
      stop()
      const rows = runtime.store.teams.list(challenge.id).filter((t) => wanted.includes(t.name))
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(
            rows.map((t) => ({ team: t.name, ...t.submission })),
            null,
            2
          )}\n`
        )
      } else {
        for (const t of rows) {
          const s = t.submission
          process.stdout.write(
            `${t.name.padEnd(24)} ${s?.status ?? '-'}${s?.statusCode ? ` ${s.statusCode}` : ''}: ${s?.statusReason ?? ''}\n`
          )
        }
      }
      return 0
    })
  }
}
