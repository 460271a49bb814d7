// `podium score …` without the rest of the CLI: bin/podium.js runs this entry for `score` so a
// one-off scoring run loads only the scorers (no database, server, git or UI code). Output,
// exit codes and error lines are those of `out/main/cli.js score …`.
import { runCliProcess } from './cli/run-process'
import { scoreCommand } from './cli/score-command'

const [name, ...rest] = process.argv.slice(2)
if (name !== scoreCommand.name) throw new Error(`score-cli runs only \`podium score\`, got ${JSON.stringify(name)}`)

runCliProcess(() => scoreCommand.run(rest))
