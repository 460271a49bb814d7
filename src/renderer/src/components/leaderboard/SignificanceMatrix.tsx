// Leaderboard: are the top entries really different? Runs `significance.compare` (worker pool,
// progress, cancel), shows the pairwise p-value heat map with the 1-SE winner set outlined and
// the winner robustness; a cell opens the examples where the two entries differ most.
import { useId, useState } from 'react'
import type { MetricPriority } from '../../../../shared/challenge'
import { DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_TOP, pairOf, pValueColor, type SignificanceResult } from '../../../../shared/significance'
import { api } from '../../api'
import { saveBlob } from '../../download'
import { ProgressBar } from '../common/ProgressBar'
import { usePodiumEvents } from '../../use-events'
import { SignificanceDiff } from './SignificanceDiff'
import './significance.css'

type Test = 'pBootstrap' | 'pRandomization'

const formatP = (p: number): string => (p < 0.001 ? '<.001' : p.toFixed(3).replace(/^0/, ''))

export function SignificanceMatrix({
  challengeId,
  categoryId,
  domain,
  anonymized,
  priority
}: {
  challengeId: number
  categoryId: string
  domain: string
  anonymized: boolean
  priority: MetricPriority[]
}) {
  const ids = useId()
  const [top, setTop] = useState(DEFAULT_TOP)
  const [resamples, setResamples] = useState(DEFAULT_RESAMPLES)
  const [seed, setSeed] = useState(DEFAULT_SEED)
  const [test, setTest] = useState<Test>('pBootstrap')
  const [metricChoice, setMetricChoice] = useState<string>()
  const [run, setRun] = useState<{ jobId: string; done: number; total: number } | null>(null)
  const [result, setResult] = useState<{ key: string; data: SignificanceResult } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cell, setCell] = useState<[number, number] | null>(null)

  const boardKey = `${challengeId}/${categoryId}/${domain}/${anonymized}`
  const data = result?.key === boardKey ? result.data : undefined
  usePodiumEvents((event) => {
    if (event.type === 'progress' && run && event.jobId === run.jobId) setRun({ ...run, done: event.done, total: event.total })
  })

  const start = (): void => {
    const jobId = `significance-${Date.now()}-${Math.random().toString(36).slice(2)}`
    setRun({ jobId, done: 0, total: 0 })
    setError(null)
    setCell(null)
    api.call('significance.compare', { challengeId, categoryId, domain, anonymized, top, resamples, seed, jobId }).then(
      (data) => {
        setResult({ key: boardKey, data })
        setRun(null)
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e))
        setRun(null)
      }
    )
  }
  // The paper's results section for the shown run (same seed and resamples: the same numbers).
  const [exporting, setExporting] = useState(false)
  const exportPaper = (shown: SignificanceResult): void => {
    setExporting(true)
    const request = { challengeId, categoryId, domain, anonymized, top, resamples: shown.resamples, seed: shown.seed }
    api.call('significance.paperResults', request).then(
      (paper) => {
        saveBlob(new Blob([paper.latex], { type: 'application/x-tex;charset=utf-8' }), `${paper.fileBase}.tex`)
        saveBlob(new Blob([paper.markdown], { type: 'text/markdown;charset=utf-8' }), `${paper.fileBase}.md`)
        saveBlob(new Blob([paper.svg], { type: 'image/svg+xml;charset=utf-8' }), `${paper.fileBase}-significance.svg`)
        setExporting(false)
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e))
        setExporting(false)
      }
    )
  }
  const cancel = (): void => {
    if (run) void api.call('significance.cancel', { jobId: run.jobId })
  }

  const metricIndex = data
    ? Math.max(
        0,
        data.metrics.findIndex((m) => m.metric === (metricChoice ?? priority[0]?.metric))
      )
    : 0
  const metric = data?.metrics[metricIndex]
  const winners = new Set(data?.winners ?? [])

  return (
    <section aria-labelledby={`${ids}-title`} className="sig-panel" data-testid="significance">
      <h2 id={`${ids}-title`}>Significance between the top entries</h2>
      <form
        className="sig-controls"
        onSubmit={(e) => {
          e.preventDefault()
          start()
        }}
      >
        <label>
          Top
          <input type="number" min={2} max={30} value={top} onChange={(e) => setTop(Number(e.target.value))} />
        </label>
        <label>
          Resamples
          <select value={resamples} onChange={(e) => setResamples(Number(e.target.value))}>
            {[1000, 2000, 5000, 10000].map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seed
          <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        {run ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="submit">Run significance tests</button>
        )}
      </form>
      <ProgressBar active={run !== null} done={run?.done} total={run?.total} label="Significance tests" />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!data && !run && !error && (
        <p className="muted">
          Paired bootstrap and approximate randomization on the stored per-example results (DST: whole dialogs). Seeded: the same seed gives
          the same numbers.
        </p>
      )}
      {data && metric && (
        <>
          <p className="sig-robustness" data-testid="winner-robustness">
            Winner robustness: {data.winners.length ? data.winners.join(', ') : 'no winner'} {data.winners.length === 1 ? 'wins' : 'win'} in{' '}
            <strong>{(100 * data.robustness.share).toFixed(1)} %</strong> of {data.resamples.toLocaleString('en')} bootstrap resamples (seed{' '}
            {data.seed}, {data.units.toLocaleString('en')} {data.unit}s).
          </p>
          <div className="sig-options">
            <label>
              Matrix metric
              <select value={metric.metric} onChange={(e) => setMetricChoice(e.target.value)}>
                {data.metrics.map((m) => (
                  <option key={m.metric} value={m.metric}>
                    {m.metric}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Test
              <select value={test} onChange={(e) => setTest(e.target.value as Test)}>
                <option value="pBootstrap">paired bootstrap</option>
                <option value="pRandomization">approximate randomization</option>
              </select>
            </label>
          </div>
          <table className="sig-matrix" aria-label={`p-values of ${metric.metric}`}>
            <thead>
              <tr>
                <td />
                {data.entries.map((entry) => (
                  <th key={entry.teamId} scope="col" className={winners.has(entry.team) ? 'sig-winner' : undefined}>
                    {entry.team}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.entries.map((row, i) => (
                <tr key={row.teamId}>
                  <th scope="row" className={winners.has(row.team) ? 'sig-winner' : undefined}>
                    {row.team}
                    <span className="muted sig-value">
                      {' '}
                      {metric.entries[i]!.value.toFixed(4)} [{metric.entries[i]!.ciLow.toFixed(4)}, {metric.entries[i]!.ciHigh.toFixed(4)}]
                    </span>
                  </th>
                  {data.entries.map((col, j) => {
                    if (i === j) return <td key={col.teamId} className="sig-diagonal" />
                    const p = pairOf(metric, i, j)![test]
                    const inWinnerSet = winners.has(row.team) && winners.has(col.team)
                    return (
                      <td
                        key={col.teamId}
                        className={inWinnerSet ? 'sig-cell sig-in-winners' : 'sig-cell'}
                        style={{ background: pValueColor(p) }}
                      >
                        <button
                          type="button"
                          data-testid="significance-cell"
                          aria-label={`${row.team} vs ${col.team}: p = ${formatP(p)}; show the examples where they differ most`}
                          aria-pressed={cell?.[0] === i && cell?.[1] === j}
                          className={p < 0.01 ? 'sig-dark' : undefined}
                          onClick={() => setCell([i, j])}
                        >
                          {formatP(p)}
                        </button>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => exportPaper(data)} disabled={exporting}>
            {exporting ? 'Preparing…' : 'Download paper results (LaTeX, Markdown, SVG)'}
          </button>
          <p className="muted sig-legend">
            Darker: smaller p (two-sided). Outlined: the 1-SE winner set. Values: point estimate [95 % bootstrap CI].
            {data.notes.map((note) => ` ${note}.`).join('')}
          </p>
          {cell && (
            <SignificanceDiff
              a={{ label: data.entries[cell[0]]!.team, evaluationId: data.entries[cell[0]]!.evaluationId }}
              b={{ label: data.entries[cell[1]]!.team, evaluationId: data.entries[cell[1]]!.evaluationId }}
              onClose={() => setCell(null)}
            />
          )}
        </>
      )}
    </section>
  )
}
