// Error analysis per team and subtask: every scored example in a virtualized grid, with
// filters, the selected example's dialog, a second team side by side, the action confusion
// heat map (subtask 1) and the score distribution.
import { useCallback, useMemo, useRef, useState } from 'react'
import type { EvaluationSummary } from '../../../shared/views'
import { ConfusionHeatmap } from '../components/errors/ConfusionHeatmap'
import { DialogContext, type ContextTarget } from '../components/errors/DialogContext'
import { ExampleDetail } from '../components/errors/ExampleDetail'
import { ExampleFilters, NO_FILTER, toQuery, type FilterValues } from '../components/errors/ExampleFilters'
import { ScoreDistribution } from '../components/errors/ScoreDistribution'
import { ExamplesTable } from '../components/errors/ExamplesTable'
import { Field } from '../components/errors/Field'
import { distributionTitle, formatCount, formatMetric, isPerplexity, scoreName, sortTeams } from '../components/errors/tasks'
import { useAlignedRows, useExamplePages, type ExampleFilter } from '../components/errors/use-example-pages'
import { useApi } from '../use-api'
import { usePodiumEvents } from '../use-events'
import '../components/common/common.css'
import '../components/errors/errors.css'
import { metricLabel } from '../../../shared/labels'

const ROW_HEIGHT = 32
const TABLE_HEIGHT = 452

type Candidate = EvaluationSummary & { baseline: boolean }

export function ErrorAnalysisPage({ challengeId }: { challengeId: number }) {
  const challenge = useApi('challenges.get', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  const [realNames, setRealNames] = useState(false)
  const evaluations = useApi('evaluations.list', { challengeId, anonymized: !realNames })
  const reloadEvaluations = evaluations.reload
  usePodiumEvents((event) => {
    if (event.type === 'data.changed' && event.challengeId === challengeId) reloadEvaluations()
  })

  const [categoryChoice, setCategoryChoice] = useState<string>()
  const [domainChoice, setDomainChoice] = useState<string>()
  const [teamChoice, setTeamChoice] = useState<number>()
  const [compareChoice, setCompareChoice] = useState<number | null>(null)
  const [filterValues, setFilterValues] = useState<FilterValues>(NO_FILTER)

  const config = challenge.data?.id === challengeId ? challenge.data.config : undefined
  const all = useMemo(() => evaluations.data ?? [], [evaluations.data])
  const categories = config?.categories ?? []
  const categoryId = categories.some((c) => c.id === categoryChoice) ? categoryChoice : categories[0]?.id
  const category = categories.find((c) => c.id === categoryId)
  const domains = config?.domains ?? []
  const domain = domainChoice !== undefined && domains.includes(domainChoice) ? domainChoice : domains[0]

  const baselineIds = useMemo(() => new Set((teams.data ?? []).filter((t) => t.isBaseline).map((t) => t.id)), [teams.data])
  const candidates: Candidate[] = useMemo(
    () =>
      sortTeams(
        all.filter((e) => e.categoryId === categoryId && e.domain === domain).map((e) => ({ ...e, baseline: baselineIds.has(e.teamId) }))
      ),
    [all, categoryId, domain, baselineIds]
  )
  const evalA = candidates.find((c) => c.teamId === teamChoice) ?? candidates.find((c) => !c.baseline) ?? candidates[0]
  const evalB = compareChoice !== null && compareChoice !== evalA?.teamId ? candidates.find((c) => c.teamId === compareChoice) : undefined
  const task = evalA?.task ?? category?.task ?? ''

  const applied = toQuery(filterValues, !isPerplexity(task))
  const query: ExampleFilter | undefined = evalA
    ? { evaluationId: evalA.evaluationId, ...('filter' in applied ? applied.filter : {}) }
    : undefined
  const pages = useExamplePages(query)
  const aligned = useAlignedRows(evalB?.evaluationId)

  // Selection and context belong to one list / one evaluation: a new one starts afresh.
  const [selection, setSelection] = useState({ key: '', index: 0 })
  const selectedIndex = selection.key === pages.key ? selection.index : 0
  const onSelect = useCallback((index: number) => setSelection({ key: pages.key, index }), [pages.key])
  const [context, setContext] = useState<{ evaluationId: number; target: ContextTarget } | null>(null)
  const contextTarget = context && context.evaluationId === evalA?.evaluationId ? context.target : null
  const contextRef = useRef<HTMLElement>(null)

  const { get } = pages

  const detailA = useApi('evaluations.get', evalA ? { evaluationId: evalA.evaluationId, anonymized: !realNames } : undefined)
  const detailB = useApi('evaluations.get', evalB ? { evaluationId: evalB.evaluationId, anonymized: !realNames } : undefined)
  const confusion = detailA.data?.evaluationId === evalA?.evaluationId ? detailA.data?.confusion : undefined
  const distA = detailA.data?.evaluationId === evalA?.evaluationId ? detailA.data?.distribution : undefined
  const distB = evalB && detailB.data?.evaluationId === evalB.evaluationId ? detailB.data.distribution : undefined

  const openContext = useCallback(
    (index: number) => {
      const row = get(index)
      if (!row || !evalA) return
      setContext({ evaluationId: evalA.evaluationId, target: { dialogId: row.dialogId, turn: row.turn, idx: row.idx } })
      requestAnimationFrame(() => contextRef.current?.scrollIntoView({ block: 'nearest' }))
    },
    [get, evalA]
  )

  const labelA = evalA?.label ?? 'Team'
  const labelB = evalB?.label
  const closeContext = useCallback(() => setContext(null), [])

  // Distinct gold values of the first block, as suggestions for the exact-gold filter.
  const firstRow = get(0)
  const goldSuggestions = useMemo(() => {
    const seen = new Set<string>()
    for (let i = 0; i < 200 && seen.size < 40; i++) {
      const row = get(i)
      if (!row) break
      seen.add(row.gold)
    }
    return [...seen].sort()
    // The whole first block arrives with its first row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, firstRow])

  const changeCategory = (id: string): void => {
    setCategoryChoice(id)
    setFilterValues(NO_FILTER)
  }

  if (challenge.error)
    return (
      <p role="alert" className="error">
        {challenge.error}
      </p>
    )
  const total = pages.total
  const selectedRow = get(selectedIndex)

  return (
    <section className="ea-page c-controls">
      <header className="ea-page-head">
        <h1>Error analysis</h1>
        <label className="ea-check ea-names-toggle">
          <input type="checkbox" checked={realNames} onChange={(e) => setRealNames(e.target.checked)} />
          Show real team names <span className="muted">(organizer only)</span>
        </label>
      </header>

      <div className="ea-controls" role="group" aria-label="Choose what to analyse">
        <Field label="Subtask">
          {(id) => (
            <select id={id} value={categoryId ?? ''} onChange={(e) => changeCategory(e.target.value)}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Domain">
          {(id) => (
            <select id={id} value={domain ?? ''} onChange={(e) => setDomainChoice(e.target.value)}>
              {domains.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Team">
          {(id) => (
            <select
              id={id}
              value={evalA?.teamId ?? ''}
              onChange={(e) => setTeamChoice(Number(e.target.value))}
              disabled={!candidates.length}
            >
              {candidates.map((c) => (
                <option key={c.teamId} value={c.teamId}>
                  {c.label}
                  {c.baseline && !c.label.toLowerCase().includes('baseline') ? ' (baseline)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Compare with">
          {(id) => (
            <select
              id={id}
              value={evalB?.teamId ?? ''}
              onChange={(e) => setCompareChoice(e.target.value === '' ? null : Number(e.target.value))}
              disabled={candidates.length < 2}
            >
              <option value="">— nobody —</option>
              {candidates
                .filter((c) => c.teamId !== evalA?.teamId)
                .map((c) => (
                  <option key={c.teamId} value={c.teamId}>
                    {c.label}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>

      <MetricStrip a={evalA} b={evalB} />

      {evaluations.error && (
        <p role="alert" className="error">
          Cannot load evaluations: {evaluations.error}
        </p>
      )}
      {evaluations.data && !evalA && (
        <p className="muted ea-empty-note">No scored submission for this subtask and domain yet. Run intake on the Submissions page.</p>
      )}

      {evalA && (
        <>
          <ExampleFilters
            values={filterValues}
            onChange={setFilterValues}
            goldSuggestions={goldSuggestions}
            scoreHint={scoreName(task)}
            wrongOnlyApplies={!isPerplexity(task)}
          />
          <div className="ea-table-status">
            <span aria-live="polite" data-testid="example-count">
              {pages.error ? (
                <span className="error">Cannot load examples: {pages.error}</span>
              ) : total === undefined ? (
                'Loading examples…'
              ) : (
                `${formatCount(total)} example${total === 1 ? '' : 's'}${'filter' in applied && Object.keys(applied.filter).length ? ' match the filters' : ''}`
              )}
            </span>
            {evalB && (
              <span className="ea-legend-differs">
                <span className="ea-swatch" aria-hidden="true" /> rows where {labelB} differs from {labelA}
              </span>
            )}
            <span className="muted ea-keys-hint">↑ ↓ PgUp PgDn Home End to move · Enter for the dialog</span>
          </div>
          <ExamplesTable
            label={`Examples of ${labelA}, ${category?.name ?? task}, ${domain}`}
            pages={pages}
            compare={evalB ? aligned : undefined}
            labelA={labelA}
            labelB={labelB}
            task={task}
            selectedIndex={selectedIndex}
            onSelect={onSelect}
            onActivate={openContext}
            rowHeight={ROW_HEIGHT}
            height={TABLE_HEIGHT}
          />
          <div className="ea-panels">
            <ExampleDetail
              row={selectedRow}
              position={selectedIndex + 1}
              total={total}
              task={task}
              labelA={labelA}
              compareLabel={evalB ? labelB : undefined}
              compareRow={evalB && selectedRow ? aligned.lookup(selectedRow) : undefined}
              onOpenContext={() => openContext(selectedIndex)}
            />
            <DialogContext
              ref={contextRef}
              target={contextTarget}
              evaluationA={evalA.evaluationId}
              labelA={labelA}
              evaluationB={evalB?.evaluationId}
              labelB={labelB}
              task={task}
              onClose={closeContext}
            />
          </div>
          <div className="ea-charts">
            <section className="c-panel ea-panel" aria-labelledby="confusion-title">
              <h2 id="confusion-title">Action confusion</h2>
              {confusion ? (
                <ConfusionHeatmap
                  confusion={confusion}
                  caption={`Action confusion of ${labelA}, ${domain}`}
                  onSelectCell={(goldAction, predictedAction) => setFilterValues({ ...NO_FILTER, goldAction, predictedAction })}
                />
              ) : (
                <p className="muted ea-chart-placeholder">
                  {detailA.loading ? 'Loading…' : 'Only subtask 1 (action prediction) has a confusion matrix.'}
                </p>
              )}
            </section>
            <section className="c-panel ea-panel" aria-labelledby="distribution-title">
              <h2 id="distribution-title">{distributionTitle(task)}</h2>
              {distA ? (
                <ScoreDistribution
                  title={`${distributionTitle(task)}, ${domain}`}
                  labelA={labelA}
                  distA={distA}
                  labelB={labelB}
                  distB={distB}
                />
              ) : (
                <p className="muted ea-chart-placeholder">{detailA.error ?? 'Loading…'}</p>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  )
}

function MetricStrip({ a, b }: { a: Candidate | undefined; b: Candidate | undefined }) {
  if (!a) return <div className="ea-metric-strip" />
  return (
    <div className="ea-metric-strip">
      {[a, b].map(
        (e) =>
          e && (
            <dl key={e.teamId} className="ea-metric-card" aria-label={`Metrics of ${e.label}`}>
              <div className="ea-metric-team">
                {e.label}
                <span className="muted">
                  {' '}
                  · {formatCount(e.n)} examples · coverage {e.coverage.predicted}/{e.coverage.total}
                </span>
              </div>
              {Object.entries(e.metrics).map(([name, cell]) => (
                <div key={name} className="ea-metric">
                  <dt title={name}>{metricLabel(name)}</dt>
                  <dd>{formatMetric(cell.value, cell.stderr)}</dd>
                </div>
              ))}
            </dl>
          )
      )}
    </div>
  )
}
