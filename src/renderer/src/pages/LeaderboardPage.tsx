import { useEffect, useId, useMemo, useState } from 'react'
import type { SeSource } from '../../../shared/ranking'
import type { LeaderboardRequest, LeaderboardRow, RankingMethodName } from '../../../shared/views'
import { api } from '../api'
import { AppleIcon, TrophyIcon } from '../components/common/Icons'
import { SearchBox } from '../components/common/SearchBox'
import { useTableSearch } from '../components/common/use-table-search'
import { LeaderboardTable, type Display } from '../components/leaderboard/LeaderboardTable'
import { MetricCharts } from '../components/leaderboard/MetricCharts'
import { LEADERBOARD_ALIASES, LEADERBOARD_FIELDS, leaderboardDoc } from '../components/leaderboard/search-doc'
import { WinnerTrace } from '../components/leaderboard/WinnerTrace'
import { SignificanceMatrix } from '../components/leaderboard/SignificanceMatrix'
import { RealNamesToggle } from '../components/leaderboard/RealNamesToggle'
import { filterRows, highlighter } from '../search'
import { usePodiumEvents } from '../use-events'
import { useApi } from '../use-api'
import '../components/common/common.css'
import '../components/leaderboard/leaderboard.css'

const METHODS: Array<{ id: RankingMethodName; label: string; help: string }> = [
  {
    id: 'winner-rule',
    label: 'Winner rule (SIMMC)',
    help: 'Winners by the priority list within one standard error; rows in order of the first metric.'
  },
  { id: 'single-metric', label: 'Single metric', help: 'Rank by one metric only.' },
  {
    id: 'normalized-average',
    label: 'Normalized average',
    help: 'Mean of the metrics normalized to 0–100 (0 = best baseline, 100 = best possible).'
  },
  { id: 'average-rank', label: 'Average rank', help: 'Mean of the per-metric ranks (lower is better).' }
]

const SE_SOURCES: Array<{ id: SeSource; label: string }> = [
  { id: 'best', label: 'of the best entry (SIMMC)' },
  { id: 'each', label: 'of each entry' },
  { id: 'max', label: 'larger of the two' }
]

const SEARCH_OPTIONS = {
  fields: LEADERBOARD_FIELDS,
  aliases: LEADERBOARD_ALIASES,
  /** Free text looks in these; the yes/no flags are for `@eligible:no` and the like. */
  textFields: ['team', 'status', 'license', 'tag', 'code', 'flagged', 'reason']
}

export function LeaderboardPage({ challengeId }: { challengeId: number }) {
  const challenge = useApi('challenges.get', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  const config = challenge.data?.config
  const [categoryId, setCategoryId] = useState<string | undefined>()
  const [domain, setDomain] = useState<string | undefined>()
  const [method, setMethod] = useState<RankingMethodName>('winner-rule')
  const [metric, setMetric] = useState<string | undefined>()
  const [seSource, setSeSource] = useState<SeSource>('best')
  const [anonymized, setAnonymized] = useState(true)
  const [display, setDisplay] = useState<Display>('raw')
  const [focusedTeamId, setFocusedTeamId] = useState<number | null>(null)
  const { search, box: searchBox } = useTableSearch(SEARCH_OPTIONS)
  const ids = useId()

  // Defaults (and repairs after a challenge switch) from the challenge's own categories and domains.
  const category = config?.categories.find((c) => c.id === categoryId) ?? config?.categories[0]
  const currentDomain = config?.domains.includes(domain ?? '') ? domain : config?.domains[0]
  const currentMetric = category?.priority.some((p) => p.metric === metric) ? metric : category?.priority[0]?.metric
  useEffect(() => {
    setFocusedTeamId(null)
  }, [challengeId, category?.id, currentDomain])

  const request: LeaderboardRequest | undefined =
    category && currentDomain
      ? {
          challengeId,
          categoryId: category.id,
          domain: currentDomain,
          anonymized,
          method,
          seSource,
          ...(method === 'single-metric' && currentMetric ? { metric: currentMetric } : {})
        }
      : undefined
  const board = useApi('leaderboard.get', request)
  const view = board.data

  const teamById = useMemo(() => new Map(teams.data?.map((t) => [t.id, t]) ?? []), [teams.data])

  usePodiumEvents((event) => {
    if (event.type === 'submission.status' && event.challengeId === challengeId && (event.status === 'done' || event.status === 'failed')) {
      board.reload()
      teams.reload()
    }
    if (event.type === 'data.changed' && event.challengeId === challengeId) board.reload()
  })

  const joint = view?.outcome.joint ?? false
  const docOf = (row: LeaderboardRow) => leaderboardDoc(row, teamById.get(row.teamId), joint)
  const rows = view ? filterRows(view.rows, docOf, search) : []

  const flag = async (row: LeaderboardRow, reason: string | null): Promise<void> => {
    await api.call('teams.flag', { teamId: row.teamId, reason })
    board.reload()
    teams.reload()
  }

  if (challenge.error) {
    return (
      <p role="alert" className="error">
        {challenge.error}
      </p>
    )
  }

  const scoreMetric = method === 'single-metric' ? currentMetric : category?.priority[0]?.metric
  const winners = view?.outcome.winners ?? []

  return (
    <section className="lb-page">
      <h1>Leaderboard</h1>
      <form className="lb-controls" aria-label="Leaderboard options" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Category</span>
          <select value={category?.id ?? ''} onChange={(e) => setCategoryId(e.target.value)} aria-label="Category" disabled={!config}>
            {config?.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Domain</span>
          <select value={currentDomain ?? ''} onChange={(e) => setDomain(e.target.value)} aria-label="Domain" disabled={!config}>
            {config?.domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Ranking method</span>
          <select
            value={method}
            onChange={(e) => setMethod(e.target.value as RankingMethodName)}
            aria-label="Ranking method"
            aria-describedby={`${ids}-method-help`}
          >
            {METHODS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Metric</span>
          <select
            value={currentMetric ?? ''}
            onChange={(e) => setMetric(e.target.value)}
            aria-label="Metric for single-metric ranking"
            disabled={method !== 'single-metric'}
            title={method !== 'single-metric' ? 'Used by the single-metric ranking' : undefined}
          >
            {category?.priority.map((p) => (
              <option key={p.metric} value={p.metric}>
                {p.metric} {p.direction === 'higher' ? '↑' : '↓'}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Standard error</span>
          <select
            value={seSource}
            onChange={(e) => setSeSource(e.target.value as SeSource)}
            aria-label="Whose standard error the winner rule uses"
          >
            {SE_SOURCES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="lb-toggle">
          <legend>Values</legend>
          <div role="group" aria-label="Values shown">
            {(['raw', 'normalized'] as const).map((d) => (
              <button
                key={d}
                type="button"
                className={`c-button c-button-small${display === d ? ' lb-pressed' : ''}`}
                aria-pressed={display === d}
                onClick={() => setDisplay(d)}
              >
                {d === 'raw' ? 'Raw' : 'Normalized'}
              </button>
            ))}
          </div>
        </fieldset>
        <RealNamesToggle anonymized={anonymized} onChange={setAnonymized} describedBy={`${ids}-names-help`} />
      </form>
      <p className="muted lb-help" id={`${ids}-method-help`}>
        {METHODS.find((m) => m.id === method)?.help}{' '}
        <span id={`${ids}-names-help`}>
          {anonymized ? 'Entries are anonymized, as in every export.' : 'Real names are shown: do not share this view.'}
        </span>
      </p>

      <div className="lb-summary" role="status" aria-live="polite" data-testid="winner-summary">
        {board.error ? (
          <span className="error">{board.error}</span>
        ) : !view ? (
          <span className="muted">Loading…</span>
        ) : view.rows.length === 0 ? (
          <span className="muted">No scored entry yet for this category and domain: run intake on the Submissions page.</span>
        ) : winners.length === 0 ? (
          <span>No winner: no eligible entry.</span>
        ) : (
          <span>
            <TrophyIcon /> {view.outcome.joint ? 'Joint winners' : 'Winner'} of {view.category.name}, {view.domain}:{' '}
            <strong>{winners.join(', ')}</strong>
            {view.method !== 'winner-rule' && (
              <span className="muted" data-testid="winner-rule-note">
                {' '}
                — winners follow the challenge&apos;s winner rule, not this ranking method
              </span>
            )}
          </span>
        )}
      </div>

      <SearchBox {...searchBox} shown={rows.length} total={view?.rows.length ?? 0} noun="entries" />

      <div className={`lb-table-wrap${board.loading ? ' lb-loading' : ''}`} aria-busy={board.loading}>
        {view && category ? (
          <LeaderboardTable
            rows={rows}
            priority={view.category.priority}
            method={view.method}
            scoreMetric={scoreMetric}
            display={display}
            joint={joint}
            highlight={(row) => highlighter(docOf(row), search)}
            focusedTeamId={focusedTeamId}
            onFocusRow={(id) => setFocusedTeamId((f) => (f === id ? null : id))}
            onFlag={flag}
          />
        ) : (
          <div className="lb-placeholder muted">{board.error ? '' : 'Loading…'}</div>
        )}
      </div>
      <p className="muted lb-footnote">
        <AppleIcon /> and bold: best team on that metric. Values ± one standard error.{' '}
        {display === 'normalized' && 'Normalized: 0 = best baseline, 100 = best possible value.'}
      </p>

      {view && view.rows.length > 0 && (
        <div className="lb-lower">
          <section aria-labelledby={`${ids}-charts`}>
            <h2 id={`${ids}-charts`}>Priority metrics</h2>
            <MetricCharts priority={view.category.priority} rows={rows} trace={view.outcome.trace} focusedTeamId={focusedTeamId} />
          </section>
          <section aria-labelledby={`${ids}-trace`}>
            <h2 id={`${ids}-trace`}>Winner rule, step by step</h2>
            <WinnerTrace outcome={view.outcome} metricCount={view.category.priority.length} />
          </section>
        </div>
      )}
      {view && view.rows.length > 1 && config?.domains.includes(view.domain) && (
        <SignificanceMatrix
          challengeId={challengeId}
          categoryId={view.category.id}
          domain={view.domain}
          anonymized={anonymized}
          priority={view.category.priority}
        />
      )}
    </section>
  )
}
