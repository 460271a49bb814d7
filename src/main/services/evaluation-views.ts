// Read models over stored evaluations: summaries, details and example pages.
import type { Challenge } from '../../shared/challenge'
import type { Team } from '../../shared/teams'
import type { EvaluationDetail, EvaluationSummary, MetricCell } from '../../shared/views'
import type { StoredEvaluation } from '../db/evaluations'
import type { Store } from '../db/store'

export const teamLabel = (team: Team, anonymized: boolean): string => (anonymized && !team.isBaseline ? team.anonId : team.name)

/**
 * Metric values with their std errors. A metric the official script reports as NaN (e.g.
 * attribute accuracy with nothing to score) is stored as null and left out here: missing,
 * not zero, for the winner rule and the tables.
 */
export function metricCells(e: Pick<StoredEvaluation, 'metrics' | 'stderr'>): Record<string, MetricCell> {
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
  return Object.fromEntries(
    Object.entries(e.metrics)
      .filter(([, value]) => finite(value))
      .map(([name, value]) => [name, { value, stderr: finite(e.stderr[name]) ? e.stderr[name]! : null }])
  )
}

export function categoryOf(challenge: Challenge, task: string): string {
  return challenge.config.categories.find((c) => c.task === task)?.id ?? task
}

export function summarize(challenge: Challenge, team: Team, e: StoredEvaluation, anonymized: boolean): EvaluationSummary {
  return {
    evaluationId: e.id,
    teamId: team.id,
    baseline: team.isBaseline,
    label: teamLabel(team, anonymized),
    categoryId: categoryOf(challenge, e.task),
    task: e.task,
    domain: e.domain,
    n: e.n,
    coverage: e.coverage,
    metrics: metricCells(e),
    ...(e.params ? { params: e.params } : {}),
    ...(e.warnings.length ? { warnings: e.warnings } : {})
  }
}

/** Per-example perplexities (≥ 1, unbounded) in bands; tenths of [0, 1] would put them all in the last bin. */
export function perplexityBands(scores: number[]): EvaluationDetail['distribution'] {
  const bands: Array<[string, number]> = [
    ['1–5', 5],
    ['5–10', 10],
    ['10–20', 20],
    ['20–50', 50],
    ['50–100', 100],
    ['100+', Infinity]
  ]
  const counts = bands.map(() => 0)
  for (const s of scores) counts[bands.findIndex(([, upper]) => s < upper)]!++
  return bands.map(([bin], i) => ({ bin, count: counts[i]! }))
}

/** Score histogram: ranks (retrieval) in rank bands, every other score in tenths of [0, 1]. */
export function distribution(scores: number[], ranks: number[] | null): EvaluationDetail['distribution'] {
  if (ranks) {
    const bands: Array<[string, (r: number) => boolean]> = [
      ['1', (r) => r === 1],
      ['2-5', (r) => r >= 2 && r <= 5],
      ['6-10', (r) => r >= 6 && r <= 10],
      ['11-20', (r) => r >= 11 && r <= 20],
      ['21-50', (r) => r >= 21 && r <= 50],
      ['51+', (r) => r > 50]
    ]
    return bands.map(([bin, test]) => ({ bin, count: ranks.filter(test).length }))
  }
  const counts = new Array<number>(10).fill(0)
  for (const s of scores) counts[Math.min(9, Math.max(0, Math.floor(s * 10)))]!++
  return counts.map((count, i) => ({ bin: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, count }))
}

export function evaluationDetail(
  store: Store,
  challenge: Challenge,
  team: Team,
  e: StoredEvaluation,
  anonymized: boolean
): EvaluationDetail {
  const scores = store.evaluations.scores(e.id)
  const ranks =
    e.task === 'simmc-st2-retrieval'
      ? store.evaluations.examples({ evaluationId: e.id }, e.n).map((x) => Number(x.detail?.rank ?? 0))
      : null
  return {
    ...summarize(challenge, team, e, anonymized),
    confusion: e.confusion ?? null,
    distribution: e.task === 'convai2-ppl' ? perplexityBands(scores) : distribution(scores, ranks)
  }
}
