// Builds one leaderboard (category × domain) from stored evaluations: pure, no I/O.
import { COMBINED_DOMAIN, type Challenge, type MetricPriority } from '../../shared/challenge'
import { PROBLEM_SUMMARY, type CheckReport, type Problem } from '../../shared/intake'
import type { NormalizationSpec, RankedRow, RankingMethod, ScoredEntry, SeSource } from '../../shared/ranking'
import type { DuplicateStatus, Team } from '../../shared/teams'
import type { LeaderboardRow, LeaderboardView, MetricCell, RankingMethodName } from '../../shared/views'
import { applyEligibility, checkEligibility } from '../ranking/eligibility'
import { rankEntries } from '../ranking/methods'
import { publishedRanks } from '../ranking/published-ranks'
import { determineWinners } from '../ranking/winner-rule'
import { ApiError } from '../../shared/api'
import { duplicateFlag } from './duplicates'
import { teamLabel } from './evaluation-views'

export interface LeaderboardInput {
  challenge: Challenge
  categoryId: string
  domain: string
  teams: Array<{ team: Team; report: CheckReport | null; metrics: Record<string, MetricCell> | null; duplicate?: DuplicateStatus }>
  anonymized: boolean
  method: RankingMethodName
  metric?: string
  seSource: SeSource
}

const LICENCE_CODES = new Set(['LICENSE_MISSING', 'LICENSE_NOT_PERMISSIVE'])

/**
 * Intake errors other than the licence make an entry ineligible, each as a flag with its
 * reason. Anonymized views give only the reason's summary: full messages name repository
 * paths and commit ids, which would tell who is who.
 */
export function intakeFlags(
  report: CheckReport | null,
  anonymized: boolean,
  scope?: BoardScope
): { licenceProblem: string | null; flags: string[] } {
  if (!report) return { licenceProblem: null, flags: ['not checked: intake has not run'] }
  const errors = report.problems.filter((p) => p.severity === 'error' && (!scope || concerns(report, p, scope)))
  const describe = (p: Problem): string => (anonymized ? PROBLEM_SUMMARY[p.code] : `${p.code}: ${p.message}`)
  const licence = errors.find((p) => LICENCE_CODES.has(p.code))
  return {
    licenceProblem: licence ? describe(licence) : null,
    flags: errors.filter((p) => !LICENCE_CODES.has(p.code)).map(describe)
  }
}

/** One leaderboard: eligibility is judged per category and domain. */
export interface BoardScope {
  categoryId: string
  domain: string
}

/**
 * A problem about one prediction file counts only on that file's own board: a partial or
 * broken file in subtask 1 does not bar the team from subtask 3. Every other problem counts everywhere.
 */
function concerns(report: CheckReport, p: Problem, scope: BoardScope): boolean {
  if (!p.path || !report.entry) return true
  const file = report.entry.attempted.find((f) => f.paths?.includes(p.path!))
  if (!file?.categoryId) return true
  return file.categoryId === scope.categoryId && (!file.domain || scope.domain === COMBINED_DOMAIN || file.domain === scope.domain)
}

/** The organizer's own words may name the team: published views only say a flag exists. */
export const organizerFlag = (team: Team, anonymized: boolean): string | null =>
  team.flaggedReason && anonymized ? 'flagged by the organizers' : team.flaggedReason

/** Why a team may not win: its intake errors and the organizer's flag, as published or not. */
export function eligibilityFlags(
  team: Team,
  report: CheckReport | null,
  anonymized: boolean,
  scope?: BoardScope
): { licenceProblem: string | null; flags: string[] } {
  const intake = intakeFlags(report, anonymized, scope)
  const flag = organizerFlag(team, anonymized)
  return { licenceProblem: intake.licenceProblem, flags: flag ? [...intake.flags, flag] : intake.flags }
}

/** Labels of a challenge's teams by id, as the view shows them. */
export function labelsById(teams: readonly Team[], anonymized: boolean): (teamId: number) => string {
  const labels = new Map(teams.map((t) => [t.id, teamLabel(t, anonymized)]))
  return (teamId) => labels.get(teamId) ?? `team ${teamId}`
}

/** Adds the duplicate-entry flag (if any) to an entry's flags. */
export function withDuplicate<T extends { flags: string[] }>(facts: T, duplicate: string | null): T {
  return duplicate ? { ...facts, flags: [...facts.flags, duplicate] } : facts
}

export function buildLeaderboard(input: LeaderboardInput): LeaderboardView {
  const category = input.challenge.config.categories.find((c) => c.id === input.categoryId)
  if (!category) throw new ApiError('NOT_FOUND', `category ${input.categoryId} does not exist`)
  const domains = [...input.challenge.config.domains, ...(input.challenge.config.combination === 'mean' ? [COMBINED_DOMAIN] : [])]
  if (!domains.includes(input.domain)) {
    throw new ApiError('NOT_FOUND', `domain ${input.domain} does not exist`)
  }
  const label = (team: Team): string => teamLabel(team, input.anonymized)
  const labelOf = labelsById(
    input.teams.map((t) => t.team),
    input.anonymized
  )
  const scored = input.teams.filter((t) => t.metrics !== null)
  const facts = scored.map(({ team, report, duplicate }) => ({
    team: label(team),
    baseline: team.isBaseline,
    ...(team.isBaseline
      ? { licenceProblem: null, flags: [] }
      : withDuplicate(
          eligibilityFlags(team, report, input.anonymized, { categoryId: input.categoryId, domain: input.domain }),
          duplicateFlag(duplicate, labelOf)
        ))
  }))
  const entries: ScoredEntry[] = applyEligibility(
    scored.map(({ team, metrics }) => ({ team: label(team), baseline: team.isBaseline, metrics: metrics! })),
    checkEligibility(facts)
  )
  const outcome = determineWinners({ priority: category.priority, entries }, { seSource: input.seSource })
  const method = rankingMethod(input, category.priority, entries)
  const ranking = rankEntries(entries, method)
  const rankOf = new Map(ranking.map((r) => [r.team, r]))
  const eligibleTeams = new Set(entries.filter((e) => e.eligible !== false && !e.baseline).map((e) => e.team))
  const published = publishedRanks(ranking, (team) => eligibleTeams.has(team))
  const normalized = normalizedByTeam(entries, category.priority)
  const winners = new Set(outcome.winners)

  const rows: LeaderboardRow[] = scored.map(({ team, metrics, report, duplicate }, i) => {
    const entry = entries[i]!
    const ranked: RankedRow | undefined = rankOf.get(entry.team)
    return {
      teamId: team.id,
      label: entry.team,
      baseline: team.isBaseline,
      eligible: entry.eligible !== false,
      reasons: (entry.ineligibleReasons ?? []).filter((r) => r !== 'baseline'),
      winner: winners.has(entry.team),
      rank: published.get(entry.team) ?? null,
      score: ranked?.score ?? null,
      metrics: metrics!,
      normalized: normalized.get(entry.team) ?? {},
      bestIn: bestIn(entries, entry, category.priority),
      flaggedReason: organizerFlag(team, input.anonymized),
      ...(report?.entry && report.entry.missing.length > 0 ? { attempted: report.entry.summary } : {}),
      ...(duplicate ? { duplicate: duplicate.state } : {})
    }
  })
  // Rows follow the ranking; unranked rows and baselines keep the ranking's own order.
  const order = new Map(ranking.map((r, i) => [r.team, i]))
  rows.sort((a, b) => (order.get(a.label) ?? 1e9) - (order.get(b.label) ?? 1e9))
  return {
    category,
    domain: input.domain,
    anonymized: input.anonymized,
    method: input.method,
    metric: method.kind === 'single' ? method.metric.metric : null,
    seSource: input.seSource,
    rows,
    outcome,
    ranking
  }
}

function rankingMethod(input: LeaderboardInput, priority: MetricPriority[], entries: ScoredEntry[]): RankingMethod {
  switch (input.method) {
    case 'normalized-average':
      return { kind: 'normalized-average', specs: normalizationSpecs(entries, priority) }
    case 'average-rank':
      return { kind: 'average-rank', metrics: priority }
    case 'single-metric': {
      const metric = priority.find((p) => p.metric === input.metric) ?? priority[0]!
      return { kind: 'single', metric }
    }
    case 'winner-rule':
      // The winner rule decides winners; rows are ordered by its first metric.
      return { kind: 'single', metric: priority[0]! }
  }
}

/**
 * Floor: the best baseline's value when a baseline has the metric; otherwise 0 for
 * higher-is-better metrics and the worst team's value for lower-is-better ones.
 * Ceiling: 1, the best possible value of every SIMMC metric (perplexity and mean rank included).
 */
function normalizationSpecs(entries: ScoredEntry[], priority: MetricPriority[]): NormalizationSpec[] {
  return priority.map((p) => {
    const hasBaseline = entries.some((e) => e.baseline && e.metrics[p.metric])
    if (hasBaseline) return { ...p, floor: 'baseline', ceiling: 1 }
    const values = entries.map((e) => e.metrics[p.metric]?.value).filter((v): v is number => v !== undefined)
    const worst = values.length ? Math.max(...values) : 1
    return { ...p, floor: p.direction === 'higher' ? 0 : Math.max(worst, 1 + 1e-9), ceiling: 1 }
  })
}

function normalizedByTeam(entries: ScoredEntry[], priority: MetricPriority[]): Map<string, Record<string, number | null>> {
  const rows = rankEntries(entries, { kind: 'normalized-average', specs: normalizationSpecs(entries, priority) })
  return new Map(rows.map((r) => [r.team, r.perMetric]))
}

function bestIn(entries: ScoredEntry[], entry: ScoredEntry, priority: MetricPriority[]): string[] {
  if (entry.baseline) return []
  const teams = entries.filter((e) => !e.baseline)
  return priority
    .filter(({ metric, direction }) => {
      const value = entry.metrics[metric]?.value
      if (value === undefined) return false
      const values = teams.map((e) => e.metrics[metric]?.value).filter((v): v is number => v !== undefined)
      return value === (direction === 'higher' ? Math.max(...values) : Math.min(...values))
    })
    .map((p) => p.metric)
}
