// Bounded memory of intake (issue 10 item 5): peak RSS of `podium check-repo` on a repository whose
// predictions commit holds a hostile 300 MB prediction file (prediction-shaped JSON text) and a 1 GiB
// whitespace file, served over loopback HTTP and read in place from a local path. Over HTTP the pack is
// kept on disk and indexed in bounded memory; the size caps are checked from the git object headers, so
// the files are refused without being inflated whole.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { it } from 'vitest'
import { SIMMC_DEADLINE, SIMMC_ENTRY_TAG } from '../src/shared/simmc'
import { buildRepo, runGit } from '../src/main/intake/repo-builder'
import { startGitServer } from '../test/helpers/git-http-server'
import { markdownTable, ms, timed, writeSection } from './table'

const exec = promisify(execFile)
const BIG_MB = Number(process.env.BENCH_HOSTILE_MB ?? 300)
const WHITESPACE_MB = Number(process.env.BENCH_WHITESPACE_MB ?? 1024)
const GOAL_MB = 200

/** Prediction-shaped JSON text (subtask 1), `mb` MiB, compressible about as much as real predictions. */
function predictionText(mb: number): Buffer {
  const out = Buffer.alloc(mb * 2 ** 20)
  let at = 0
  let seed = 7
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  out.write('[', at)
  at++
  for (let d = 0; at < out.length - 200; d++) {
    const entry = `{"dialog_id": ${2000 + d}, "predictions": [{"turn_id": 0, "action": "SearchFurniture", "action_log_prob": {"None": ${(-next() * 9).toFixed(6)}, "SearchFurniture": ${(-next()).toFixed(6)}}, "attributes": {"furnitureType": "Sofa"}}]},\n`
    at += out.write(entry, at)
  }
  out.fill(' ', at, out.length - 1)
  out.write(']', out.length - 1)
  return out
}

async function peak(args: string[]): Promise<{ rssMb: number; ms: number; problem: string }> {
  const cli = join(__dirname, '..', 'bin', 'podium.js')
  const { result, ms: t } = await timed(() =>
    exec('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, cli, 'check-repo', ...args, '--json'], { maxBuffer: 64 * 2 ** 20 })
  )
  const rss = /MAXRSS (\d+)/.exec(result.stderr)
  const report = JSON.parse(result.stdout) as { problems: { code: string; message: string }[] }
  const refused = report.problems.filter((p) => p.code === 'INVALID_PREDICTION_FILE' || p.code === 'REPO_TOO_LARGE')
  const problem =
    refused.map((p) => p.message).join(' ') || `not refused (problems: ${report.problems.map((p) => p.code).join(', ') || 'none'})`
  return { rssMb: Number(rss?.[1] ?? NaN) / 1024, ms: t, problem }
}

it('intake memory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'podium-bench-memory-'))
  try {
    mkdirSync(join(root, 'served'))
    const repo = join(root, 'served', 'hostile.git')
    await buildRepo(repo, {
      commits: [
        {
          message: 'entry',
          date: '2020-09-20T10:00:00-07:00',
          files: { LICENSE: 'MIT License\n', 'models/m.bin': Buffer.alloc(1024, 1), 'src/train.py': 'print(1)\n' },
          tags: [{ name: SIMMC_ENTRY_TAG }]
        },
        {
          message: 'predictions',
          date: '2020-10-01T10:00:00-07:00',
          files: {
            'predictions/dstc9-simmc-teststd-furniture-subtask-1.json': predictionText(BIG_MB),
            'predictions/dstc9-simmc-teststd-fashion-subtask-1.json': Buffer.alloc(WHITESPACE_MB * 2 ** 20, ' ')
          }
        }
      ]
    })
    // What a git server holds: one pack.
    await runGit(['repack', '-a', '-d', '-q'], repo)
    const packMb = Number((await runGit(['count-objects', '-v'], repo)).match(/size-pack: (\d+)/)?.[1] ?? 0) / 1024
    const server = await startGitServer(join(root, 'served'))
    const common = ['--tag', SIMMC_ENTRY_TAG, '--deadline', SIMMC_DEADLINE, '--predictions-ref', 'main']
    let http: Awaited<ReturnType<typeof peak>>
    let local: Awaited<ReturnType<typeof peak>>
    try {
      http = await peak(['--repo', `${server.url}/hostile.git`, ...common])
      local = await peak(['--repo', repo, ...common])
    } finally {
      await server.close()
    }
    const row = (how: string, r: typeof http): string[] => [
      how,
      `${r.rssMb.toFixed(0)} MB`,
      r.rssMb < GOAL_MB ? 'yes' : 'NO',
      ms(r.ms),
      r.problem.replace(/\|/g, '/')
    ]
    writeSection(
      '2b-intake-memory',
      `## Intake memory (hostile file sizes)

\`podium check-repo --predictions-ref main\` (a fresh process, peak RSS from \`/usr/bin/time\`) on a repository whose
predictions commit holds a ${BIG_MB} MB prediction-shaped JSON file and a ${WHITESPACE_MB} MB whitespace file (pack:
${packMb.toFixed(1)} MB). Goal: peak RSS under ${GOAL_MB} MB; both files refused by name and size.

${markdownTable(['repository', 'peak RSS', `< ${GOAL_MB} MB`, 'time', 'refusal'], [row('HTTP (git http-backend)', http), row('local path (read in place)', local)])}

Over HTTP the packfile goes to disk as it arrives (\`src/main/intake/pack-diverter.ts\`) and Podium indexes
it itself (\`src/main/intake/pack-index.ts\`): whole objects are inflated in 1 MiB chunks straight into their
SHA-1, deltas are rebuilt in memory only up to 32 MiB (larger ones through scratch files), so neither
file is ever held in memory. Both ways, the caps checked from the object headers then refuse both
files by name and size.
`
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
