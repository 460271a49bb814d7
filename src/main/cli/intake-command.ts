import { defineCommand, flag, text, texts } from './define-command'

export const intakeCommand = defineCommand({
  name: 'intake',
  usage: '[--challenge ID] [--team NAME]... [--data DIR] [--json]',
  summary: 'fetch, check, validate and score submissions (all teams unless --team)',
  options: { challenge: text, team: texts, data: text, json: flag },
  async run({ values, fail, withRuntime, challenge: pick }) {
    return withRuntime(async (runtime) => {
      const challenge = pick(runtime)
      const teams = runtime.store.teams.list(challenge.id)
      const wanted = values.team ?? teams.map((t) => t.name)
      const unknown = wanted.filter((name) => !teams.some((t) => t.name === name))
      if (unknown.length) fail(`no team ${unknown.map((n) => `"${n}"`).join(', ')} in ${challenge.slug}`)
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
})
