// Scoring throughput: every SIMMC task on ≥ 5,000 dialogs per domain, in-process and on
// the worker pool with 1 and N workers.
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { it } from 'vitest'
import { SIMMC_DEADLINE } from '../src/shared/simmc'
import { simmcChallengeConfig } from '../src/shared/simmc'
import { generateGold, goldFiles, predictionFiles, type Domain } from '../src/main/demo/simmc-data'
import { ScoringPool } from '../src/main/scoring/pool'
import { scoreFiles, type ScoreFilesJob } from '../src/main/scoring/score-files'
import { planScoring } from '../src/main/services/scoring-plan'
import { DATA_DIR, markdownTable, ms, timed, writeSection } from './table'

const DIALOGS = Number(process.env.BENCH_DIALOGS ?? 5000)
const DOMAINS: Domain[] = ['fashion', 'furniture']

function writeLargeSet(): ScoreFilesJob[] {
  const root = join(DATA_DIR, `scoring-${DIALOGS}`)
  const files = new Map<string, string>()
  for (const domain of DOMAINS) {
    const gold = generateGold(domain, { dialogs: DIALOGS, seed: 'bench' })
    mkdirSync(join(root, 'gold', domain), { recursive: true })
    for (const [name, text] of Object.entries(goldFiles(gold))) writeFileSync(join(root, 'gold', domain, name), text)
    mkdirSync(join(root, 'pred'), { recursive: true })
    for (const [name, text] of Object.entries(predictionFiles(gold, { quality: 0.7, seed: 'bench-team' }))) {
      writeFileSync(join(root, 'pred', name), text)
      files.set(name, join(root, 'pred', name))
    }
  }
  const challenge = {
    id: 0,
    slug: 'bench',
    name: 'bench',
    kind: 'simmc' as const,
    deadline: SIMMC_DEADLINE,
    entryTag: 't',
    createdAt: '',
    config: simmcChallengeConfig('gold')
  }
  return planScoring(challenge, root, files).jobs.map((j) => j.job)
}

const megabytes = (job: ScoreFilesJob): number => (statSync(job.goldPath).size + statSync(job.predPath).size) / 2 ** 20

it('scoring', async () => {
  const jobs = writeLargeSet()
  const rows: Array<Array<string | number>> = []
  let total = 0
  const cpuBefore = process.cpuUsage()
  for (const job of jobs) {
    scoreFiles(job) // warm-up: JIT and the tokenizer tables
    const { result, ms: t } = await timed(() => scoreFiles(job))
    total += t
    const mb = megabytes(job)
    const domain = job.goldPath.includes('furniture') ? 'furniture' : 'fashion'
    rows.push([job.task, domain, result.n, mb.toFixed(1), ms(t), (mb / (t / 1000)).toFixed(1)])
  }
  const cpu = process.cpuUsage(cpuBefore)
  // Includes the warm-up runs, as `total` does not: compare per job pair.
  const coresUsed = (cpu.user + cpu.system) / 1000 / (total * 2)
  const workers = availableParallelism()
  const poolTime = async (size: number): Promise<number> => {
    const pool = new ScoringPool({ size })
    try {
      await pool.runAll(jobs) // warm-up: start the workers, load the tables
      return (await timed(() => pool.runAll(jobs))).ms
    } finally {
      await pool.close()
    }
  }
  const one = await poolTime(1)
  const many = await poolTime(workers)
  writeSection(
    '1-scoring',
    `## Scoring (${DIALOGS} dialogs per domain, single-round evaluation as on test-std; DST scores every turn)

One process, one task at a time (\`scoreFiles\`, parse + validate + score):

${markdownTable(['task', 'domain', 'examples', 'MB parsed', 'time', 'MB/s'], rows)}

All ${jobs.length} jobs in one thread: ${ms(total)}.

Worker pool, all ${jobs.length} jobs: 1 worker ${ms(one)}, ${workers} workers ${ms(many)}: speed-up ${(one / many).toFixed(2)}×.

Why not ${workers}×: even one scoring thread keeps about ${coresUsed.toFixed(2)} cores busy (process CPU time / wall
time of the single-thread runs above): V8's garbage collector and compiler run on helper threads, so on
${workers} cores a single worker already uses part of the second one, and the pool's ceiling is
about ${(workers / coresUsed).toFixed(2)}×.
`
  )
})
