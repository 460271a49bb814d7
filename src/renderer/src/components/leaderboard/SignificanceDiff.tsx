// The examples where two compared entries differ most, with the second entry's prediction
// diffed against the first (the two-team diff of Error analysis, WordDiff).
import { useEffect, useState } from 'react'
import type { ExampleResult } from '../../../../shared/scoring'
import { api } from '../../api'
import { formatScore } from '../errors/tasks'
import { WordDiff } from '../errors/WordDiff'
import { largestDifferences, type ExamplePair } from './significance-diff'
import '../common/common.css'
import './significance.css'

const PAGE = 5000
const SHOWN = 12

async function allExamples(evaluationId: number): Promise<ExampleResult[]> {
  const rows: ExampleResult[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.call('examples.list', { evaluationId, offset, limit: PAGE })
    rows.push(...page.rows)
    if (rows.length >= page.total || page.rows.length === 0) return rows
  }
}

export function SignificanceDiff({
  a,
  b,
  onClose
}: {
  a: { label: string; evaluationId: number }
  b: { label: string; evaluationId: number }
  onClose(): void
}) {
  const [state, setState] = useState<{ key: string; pairs?: ExamplePair[]; error?: string }>({ key: '' })
  const key = `${a.evaluationId}-${b.evaluationId}`
  useEffect(() => {
    let live = true
    Promise.all([allExamples(a.evaluationId), allExamples(b.evaluationId)]).then(
      ([rowsA, rowsB]) => live && setState({ key, pairs: largestDifferences(rowsA, rowsB, SHOWN) }),
      (error: unknown) => live && setState({ key, error: error instanceof Error ? error.message : String(error) })
    )
    return () => {
      live = false
    }
  }, [a.evaluationId, b.evaluationId, key])
  const current = state.key === key ? state : { key }

  return (
    <section
      className="c-panel sig-diff"
      aria-label={`Examples where ${a.label} and ${b.label} differ most`}
      data-testid="significance-diff"
    >
      <div className="sig-diff-head">
        <h3>
          Where {a.label} and {b.label} differ most
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {current.error ? (
        <p className="error">Cannot load examples: {current.error}</p>
      ) : !current.pairs ? (
        <p className="muted">Loading examples…</p>
      ) : current.pairs.length === 0 ? (
        <p className="muted">The two entries score every shared example the same.</p>
      ) : (
        <table className="sig-diff-table">
          <thead>
            <tr>
              <th scope="col">Dialog · turn</th>
              <th scope="col">Gold</th>
              <th scope="col">{a.label}</th>
              <th scope="col">
                {b.label} (diff against {a.label})
              </th>
              <th scope="col">Scores</th>
            </tr>
          </thead>
          <tbody>
            {current.pairs.map((pair) => (
              <tr key={`${pair.dialogId}-${pair.turn}`} data-testid="significance-diff-row">
                <td>
                  <code>{pair.dialogId}</code> · {pair.turn}
                </td>
                <td className="sig-text">{pair.gold}</td>
                <td className="sig-text">{pair.a.prediction}</td>
                <td className="sig-text">
                  <WordDiff before={pair.a.prediction} after={pair.b.prediction} />
                </td>
                <td>
                  {formatScore(pair.a.score)} vs {formatScore(pair.b.score)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
