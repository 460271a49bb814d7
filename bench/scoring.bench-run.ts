// Scoring throughput: every SIMMC task on ≥ 5,000 dialogs per domain, in-process and warm,
// beside the floor of the same bytes (read + JSON.parse, or a plain line split for DST text,
// or tokenizing alone for BLEU), and on the worker pool with 1 and N workers.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { it } from 'vitest'
import { DEFAULT_TOKENIZER } from '../src/shared/scoring'
import { SIMMC_DEADLINE } from '../src/shared/simmc'
import { simmcChallengeConfig } from '../src/shared/simmc'
import { generateGold, goldFiles, predictionFiles, type Domain } from '../src/main/demo/simmc-data'
import { wordTokenize } from '../src/main/scoring/nltk/word-tokenize'
import { ScoringPool } from '../src/main/scoring/pool'
import { defaultResources, scoreFiles, type ScoreFilesJob } from '../src/main/scoring/score-files'
import { planScoring } from '../src/main/services/scoring-plan'
import { describeProfile, profileAllocation, profileSelfTime } from './profile'
import { DATA_DIR, markdownTable, ms, timed, writeSection } from './table'

const DIALOGS = Number(process.env.BENCH_DIALOGS ?? 5000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
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
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** What the task cannot do without: read both files and parse them; BLEU also tokenizes every text. */
function floor(job: ScoreFilesJob): { name: string; run: () => void } {
  const read = (): [string, string] => [readFileSync(job.goldPath, 'utf8'), readFileSync(job.predPath, 'utf8')]
  if (job.task === 'simmc-st3') return { name: 'read + split lines', run: () => read().forEach((t) => t.split('\n')) }
  if (job.task !== 'simmc-st2-generation') return { name: 'read + JSON.parse', run: () => read().forEach((t) => JSON.parse(t)) }
  const model = defaultResources.punkt()
  const tokenizer = job.tokenizer ?? DEFAULT_TOKENIZER
  return {
    name: 'read + JSON.parse + word_tokenize',
    // The texts the scorer tokenizes: with single-round evaluation, the last round of each dialog.
    run: () => {
      const [gold, pred] = read()
      const dialogs = (
        JSON.parse(gold) as { dialogue_data: Array<{ dialogue_idx: number; dialogue: Array<{ system_transcript: string }> }> }
      ).dialogue_data
      const rounds = new Map(dialogs.map((d) => [d.dialogue_idx, d.dialogue]))
      const predictions = JSON.parse(pred) as Array<{ dialog_id: number; predictions: Array<{ turn_id: number; response: string }> }>
      for (const d of predictions) {
        const gold = rounds.get(d.dialog_id)!
        for (const p of d.predictions) {
          if (job.singleRound && p.turn_id !== gold.length - 1) continue
          wordTokenize(gold[p.turn_id]!.system_transcript.toLowerCase(), model, tokenizer)
          wordTokenize(p.response.toLowerCase(), model, tokenizer)
        }
      }
    }
  }
}

// Why subtask 3 may stay above 3× of its floor, from the profile listed beside it.
const UNMET_DST = `Subtask 3's floor splits the text into lines and nothing else. Scoring then does what the official
definition needs on top: every line of both files is scanned for its \`ACT [ ... ]\` frames and \`name = value\`
slots (parseBeliefLine, scanActs, scanSlots: the official regular expressions' matches, found without match
objects), each pair of lines is compared and kept as a formatted gold and predicted belief for error analysis
(scoreDst, with the per-turn code inlined into it), and the dialog-level gold is parsed to name each line's dialog
and turn (lenientDialogueData: \`JSON.parse\` of a third file, which the floor does not read). The frames, slot
strings and examples allocated on the way are the garbage collection in the profile; no validation pass or path
building is left, and parsed lines are let go as soon as they are compared.`

it('scoring', async () => {
  const jobs = writeLargeSet()
  const rows: Array<Array<string | number>> = []
  const unmet: string[] = []
  const loadBefore = loadavg()[0]!
  let total = 0
  // GC pauses inside the timed scoring runs (entries arrive asynchronously: matched by start time).
  const windows: Array<[number, number]> = []
  const gcEntries: Array<[number, number]> = []
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcEntries.push([entry.startTime, entry.duration])
  })
  gc.observe({ entryTypes: ['gc'] })
  const cpuBefore = process.cpuUsage()
  const wallBefore = performance.now()
  for (const job of jobs) {
    const base = floor(job)
    scoreFiles(job) // warm-up: JIT and the tokenizer tables
    base.run()
    const scoreTimes: number[] = []
    const floorTimes: number[] = []
    let n = 0
    // Alternated, so that load from other processes hits both alike.
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now()
      const { result, ms: t } = await timed(() => scoreFiles(job))
      windows.push([start, start + t])
      scoreTimes.push(t)
      n = result.n
      floorTimes.push((await timed(() => base.run())).ms)
    }
    const t = median(scoreTimes)
    const f = median(floorTimes)
    total += t
    const mb = megabytes(job)
    const domain = job.goldPath.includes('furniture') ? 'furniture' : 'fashion'
    const ratio = t / f
    if (ratio > 3) {
      const profile = await profileSelfTime(() => {
        for (let r = 0; r < RUNS; r++) scoreFiles(job)
      })
      unmet.push(`- ${job.task} ${domain} (${ratio.toFixed(2)}× ${base.name}): ${describeProfile(profile)}`)
    }
    rows.push([
      job.task,
      domain,
      n,
      mb.toFixed(1),
      ms(t),
      (mb / (t / 1000)).toFixed(1),
      `${(mb / (f / 1000)).toFixed(1)} (${base.name})`,
      `${ratio.toFixed(2)}×`,
      '≤ 3×',
      ratio <= 3 ? 'met' : 'not met'
    ])
  }
  const cpu = process.cpuUsage(cpuBefore)
  // Cores kept busy by one scoring thread: process CPU time over wall time of the section above.
  const coresUsed = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)
  await new Promise((resolve) => setTimeout(resolve, 200)) // gc entries are delivered on a timer
  gc.disconnect()
  const gcMs = gcEntries.filter(([at]) => windows.some(([a, b]) => at >= a && at <= b)).reduce((sum, [, d]) => sum + d, 0)
  const scoringCpuShare = gcMs / windows.reduce((sum, [a, b]) => sum + b - a, 0)
  const workers = availableParallelism()
  const poolTime = async (size: number): Promise<number> => {
    const pool = new ScoringPool({ size })
    try {
      await pool.runAll(jobs) // warm-up: start the workers, load the tables
      const times: number[] = []
      for (let r = 0; r < 2; r++) times.push((await timed(() => pool.runAll(jobs))).ms)
      return Math.min(...times)
    } finally {
      await pool.close()
    }
  }
  // What one thread allocates over all 8 jobs: the garbage collector's work, some of it on helper threads.
  const allocStart = performance.now()
  const allocation = await profileAllocation(() => jobs.forEach((job) => scoreFiles(job)))
  const allocMs = performance.now() - allocStart
  const one = await poolTime(1)
  const many = await poolTime(workers)
  const speedUp = one / many
  const loadAfter = loadavg()[0]!
  // Why the pool falls short of 2 workers' worth, when it does.
  const ceiling = `The ceiling: during the single-thread section above this process kept ${coresUsed.toFixed(2)} cores busy (CPU time / wall
time), so on an otherwise idle machine the pool's ceiling on ${workers} cores would be about ${Math.min(workers, workers / coresUsed).toFixed(2)}×; with a load
average of ${loadAfter.toFixed(1)} on ${workers} cores there is no idle core for a second worker to use, and the speed-up measures the share of the
machine this process got, not the pool${loadAfter > workers - 1 ? '' : ' (with some of it taken by other processes all the same)'}. One scoring thread is more than one core's work: V8 runs its garbage collector (concurrent marking,
parallel scavenges) and its optimizing compiler on helper threads, and the main thread spent
${(scoringCpuShare * 100).toFixed(0)}% in GC pauses. Each worker is a separate V8 isolate with its own heap and its own
GC/compiler helpers, so on ${workers} cores two workers compete for the cores the helpers of one worker
already use, and the machine is shared with other processes.`
  writeSection(
    '1-scoring',
    `## Scoring (${DIALOGS} dialogs per domain, single-round evaluation as on test-std; DST scores every turn)

One process, one task at a time, warm (\`scoreFiles\`: read + parse + validate + score, every per-example
result kept), median of ${RUNS}, alternating with the floor: the same bytes read and parsed with nothing
else (\`JSON.parse\`, a line split for the DST text, and for BLEU also nltk's \`word_tokenize\` of every
response, i.e. "tokenizing alone"). The process runs with \`${process.execArgv.filter((a) => a.startsWith('--max-semi')).join(' ') || 'no V8 flags'}\`:
the young generation each scoring worker is given (\`SCORING_YOUNG_GENERATION_MB\` in pool.ts), where Podium scores. Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.

${markdownTable(['task', 'domain', 'examples', 'MB', 'time', 'MB/s', 'floor MB/s', 'time / floor', 'goal', 'verdict'], rows)}

${
  unmet.length === 0
    ? ''
    : `Where the time of each row not met goes (V8's sampling profiler over ${RUNS} more runs, self time per function;
"(floor)" is work the floor does too):

${unmet.join('\n')}

${unmet.some((line) => line.includes('simmc-st3')) ? UNMET_DST : ''}
`
}
All ${jobs.length} jobs in one thread: ${ms(total)}. Garbage collection pauses took ${(scoringCpuShare * 100).toFixed(0)}% of the timed
scoring runs (PerformanceObserver \`gc\` entries, main thread).

Worker pool, all ${jobs.length} jobs, better of 2: 1 worker ${ms(one)}, ${workers} workers ${ms(many)}: speed-up ${speedUp.toFixed(2)}× (goal ≥ 1.7×: ${speedUp >= 1.7 ? 'met' : 'not met'}).

${speedUp >= 1.7 ? '' : `${ceiling}\n\n`}Allocation while scoring (one more pass over the ${jobs.length} jobs on this thread, V8's sampling heap profiler,
objects already collected included): ${allocation.totalMb.toFixed(0)} MB allocated in ${ms(allocMs)}, ${(allocation.totalMb / allocMs).toFixed(2)} GB/s
(profiler overhead included); by function: ${describeProfile(allocation.entries, 6)}. Each of those
bytes is garbage-collector work${
      coresUsed > 1
        ? `, and the part V8 does on helper threads is the ${(coresUsed - 1).toFixed(2)} core beyond one
that a single scoring thread keeps busy`
        : ''
    }.
`
  )
})
