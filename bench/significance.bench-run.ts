// Paired bootstrap speed: 10,000 resamples of 10 entries on the worker pool (2 workers), for an
// example-level metric (5,000 examples) and for DST F1 (5,000 dialogs, counts summed per resample).
// Also the full comparison (bootstrap + approximate randomization + merge) at 1,000 resamples.
import { loadavg } from 'node:os'
import { it } from 'vitest'
import { createRandom } from '../src/main/random'
import { ONE, type SignificanceInput } from '../src/main/ranking/significance-core'
import { mergeChunks, planChunks, type ChunkOutput, type ChunkTask } from '../src/main/ranking/significance-merge'
import { ScoringPool } from '../src/main/scoring/pool'
import { markdownTable, seconds, timed, writeSection } from './table'

const ENTRIES = 10
const UNITS = 5000

function exampleLevel(): SignificanceInput {
  const random = createRandom('bench-significance-bleu')
  return {
    units: UNITS,
    entries: Array.from({ length: ENTRIES }, (_, e) => ({
      name: `Team ${e + 1}`,
      columns: [Float64Array.from({ length: UNITS }, () => Math.min(1, Math.max(0, random.normal(0.2 + e * 0.005, 0.15))))]
    })),
    metrics: [{ metric: 'bleu', direction: 'higher', kind: 'mean', columns: [0, ONE] }]
  }
}

/** Per dialog: frames, correctBeliefs, correct/true/pred acts, correct/true/pred slots (3.5 turns a dialog). */
function dstLevel(): SignificanceInput {
  const random = createRandom('bench-significance-dst')
  return {
    units: UNITS,
    entries: Array.from({ length: ENTRIES }, (_, e) => {
      const columns = Array.from({ length: 8 }, () => new Float64Array(UNITS))
      for (let d = 0; d < UNITS; d++) {
        const frames = random.int(2, 5)
        const trueSlots = random.int(frames, 3 * frames)
        const correctSlots = Math.round(trueSlots * Math.min(1, 0.6 + e * 0.02 + random.normal(0, 0.1)))
        const correctActs = random.int(Math.floor(frames / 2), frames)
        const values = [
          frames,
          Math.min(correctActs, correctSlots),
          correctActs,
          frames,
          frames,
          correctSlots,
          trueSlots,
          trueSlots + random.int(0, 2)
        ]
        values.forEach((v, k) => (columns[k]![d] = Math.max(0, v)))
      }
      return { name: `Team ${e + 1}`, columns }
    }),
    metrics: [
      { metric: 'slot_f1', direction: 'higher', kind: 'f1', columns: [5, 6, 7] },
      { metric: 'act_f1', direction: 'higher', kind: 'f1', columns: [2, 3, 4] },
      { metric: 'joint_accuracy', direction: 'higher', kind: 'ratio', columns: [1, 0] },
      { metric: 'slot_rec', direction: 'higher', kind: 'ratio', columns: [5, 6] },
      { metric: 'slot_prec', direction: 'higher', kind: 'ratio', columns: [5, 7] },
      { metric: 'act_rec', direction: 'higher', kind: 'ratio', columns: [2, 3] },
      { metric: 'act_prec', direction: 'higher', kind: 'ratio', columns: [2, 4] }
    ]
  }
}

async function compare(pool: ScoringPool, input: SignificanceInput, resamples: number, withRandomization: boolean) {
  const tasks: ChunkTask[] = planChunks(resamples).filter((t) => withRandomization || t.test === 'bootstrap')
  const outputs: ChunkOutput[] = await Promise.all(
    tasks.map((task) => pool.runChunk({ kind: 'significance-chunk', input, seed: 1, resamples, task }))
  )
  return mergeChunks(
    input,
    resamples,
    outputs.filter((_, i) => tasks[i]!.test === 'bootstrap') as Float64Array[],
    outputs.filter((_, i) => tasks[i]!.test === 'randomization') as Int32Array[],
    {
      stderr: input.metrics.map(() => input.entries.map(() => 0.005)),
      priority: input.metrics.slice(0, 2).map((m) => ({ metric: m.metric, direction: m.direction })),
      eligible: input.entries.map(() => true),
      seSource: 'best'
    }
  )
}

it('significance', async () => {
  const pool = new ScoringPool({ size: 2 })
  const rows: Array<Array<string | number>> = []
  try {
    for (const [label, input, goal] of [
      ['example-level (BLEU)', exampleLevel(), '2 s'],
      ['DST F1 (dialogs, 7 metrics)', dstLevel(), '10 s']
    ] as const) {
      await compare(pool, input, 500, true) // warm the workers
      // CPU time of the whole process (main thread + both workers): on a shared machine the wall
      // time also counts other processes; CPU time / 2 is what 2 idle cores would take at best.
      const cpu = process.cpuUsage()
      const boot = await timed(() => compare(pool, input, 10000, false))
      const bootCpu = process.cpuUsage(cpu)
      const full = await timed(() => compare(pool, input, 1000, true))
      rows.push([label, seconds(boot.ms), seconds((bootCpu.user + bootCpu.system) / 1000), goal, seconds(full.ms)])
    }
  } finally {
    await pool.close()
  }
  writeSection(
    '5-significance',
    `## Significance tests (${ENTRIES} entries × ${UNITS} units, worker pool of 2)

Paired bootstrap: 10,000 resamples (every metric, 95 % CIs, pairwise p-values, winner robustness over
every resample). Full comparison: 1,000 bootstrap resamples + 1,000 randomization trials for all
${(ENTRIES * (ENTRIES - 1)) / 2} pairs.

Load average when measured: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} (2 cores).

${markdownTable(['metric', 'bootstrap 10,000 resamples (wall)', 'CPU time, all threads', 'goal (2 cores)', 'full comparison, 1,000 (wall)'], rows)}
`
  )
})
