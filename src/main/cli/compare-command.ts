import { DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_TOP, type SignificanceResult } from '../../shared/significance'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compareEntries, paperView } from '../services/significance-service'
import { defineCommand, flag, text } from './define-command'

export const compareCommand = defineCommand({
  name: 'compare',
  usage: '--challenge C --category ID --domain D [--resamples N] [--seed S] [--top N] [--with-names] [--paper DIR] [--json] [--data DIR]',
  summary: `paired significance between the top entries (bootstrap + randomization; default ${DEFAULT_RESAMPLES} resamples, seed ${DEFAULT_SEED}, top ${DEFAULT_TOP})`,
  options: {
    challenge: text,
    category: text,
    domain: text,
    resamples: text,
    seed: text,
    top: text,
    'with-names': flag,
    json: flag,
    paper: text,
    data: text
  },
  async run({ values, required, fail, withRuntime, challenge: pick }) {
    const integerOption = (name: 'resamples' | 'seed' | 'top'): number | undefined => {
      const value = values[name]
      if (value === undefined) return undefined
      return /^\d+$/.test(value) ? Number(value) : fail(`--${name} must be a non-negative integer, got "${value}"`)
    }
    const categoryId = required('category')
    const domain = required('domain')
    const resamples = integerOption('resamples')
    const seed = integerOption('seed')
    const top = integerOption('top')
    return withRuntime(async (runtime) => {
      const challenge = pick(runtime)
      const result = await compareEntries({ store: runtime.store, pool: runtime.pool }, challenge, {
        challengeId: challenge.id,
        categoryId,
        domain,
        anonymized: !values['with-names'],
        ...(resamples !== undefined ? { resamples } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(top !== undefined ? { top } : {})
      })
      if (values.paper) {
        // The results section for a paper: <base>.tex (booktabs), <base>.md and <base>-significance.svg.
        const dir = resolve(values.paper)
        const paper = paperView(challenge, result)
        mkdirSync(dir, { recursive: true })
        writeFileSync(join(dir, `${paper.fileBase}.tex`), paper.latex)
        writeFileSync(join(dir, `${paper.fileBase}.md`), paper.markdown)
        writeFileSync(join(dir, `${paper.fileBase}-significance.svg`), paper.svg)
      }
      process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : textSummary(result))
      return 0
    })
  }
})

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : String(x))

function textSummary(r: SignificanceResult): string {
  const lines = [
    `${r.categoryId} / ${r.domain}: ${r.entries.length} entries, ${r.units} ${r.unit}s, ${r.resamples} resamples, seed ${r.seed}`,
    `Winners: ${r.winners.join(', ') || '(none)'}; same winners in ${(100 * r.robustness.share).toFixed(1)} % of bootstrap resamples`
  ]
  for (const metric of r.metrics) {
    lines.push('', `${metric.metric} (${metric.direction})`)
    metric.entries.forEach((e, i) => {
      const se = e.stderr === null ? '' : ` ± ${fmt(e.stderr)}`
      lines.push(`  ${r.entries[i]!.team}: ${fmt(e.value)}${se}  95% CI [${fmt(e.ciLow)}, ${fmt(e.ciHigh)}]`)
    })
    for (const p of metric.pairs) {
      lines.push(
        `  ${r.entries[p.a]!.team} vs ${r.entries[p.b]!.team}: diff ${fmt(p.diff)}, p(bootstrap) ${fmt(p.pBootstrap)}, p(randomization) ${fmt(p.pRandomization)}`
      )
    }
  }
  for (const note of r.notes) lines.push(`note: ${note}`)
  return `${lines.join('\n')}\n`
}
