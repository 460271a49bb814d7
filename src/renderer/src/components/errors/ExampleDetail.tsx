// The selected example in full: gold, prediction (diffed against gold), score, task detail,
// and the second team's prediction diffed against the first when comparing.
import type { ExampleRow } from './use-example-pages'
import { detailEntries, formatCount, formatScore, isGeneration, predictsText, scoreTone } from './tasks'
import { WordDiff } from './WordDiff'
import '../common/common.css'
import './errors.css'

export function ExampleDetail({
  row,
  position,
  total,
  task,
  labelA,
  compareLabel,
  compareRow,
  onOpenContext
}: {
  row: ExampleRow | undefined
  position: number
  total: number | undefined
  task: string
  labelA: string
  /** The second team when comparing. */
  compareLabel: string | undefined
  /** Its example for the same dialog turn: undefined while loading, null if it has none. */
  compareRow: ExampleRow | null | undefined
  onOpenContext(): void
}) {
  if (!row) {
    return (
      <section className="c-panel ea-panel ea-example-detail" aria-label="Selected example">
        <h2>Selected example</h2>
        <p className="muted">{total === 0 ? 'No example matches the filters.' : 'Select a row in the table (arrow keys or click).'}</p>
      </section>
    )
  }
  const generation = isGeneration(task)
  const b = compareRow
  const compare = compareLabel !== undefined ? { label: compareLabel } : undefined
  return (
    <section className="c-panel ea-panel ea-example-detail" aria-label="Selected example" data-testid="ea-example-detail">
      <div className="ea-panel-head">
        <h2>
          Example {formatCount(position)}
          {total !== undefined && <span className="muted"> of {formatCount(total)}</span>}
        </h2>
        <button type="button" onClick={onOpenContext}>
          Open dialog context <kbd>Enter</kbd>
        </button>
      </div>
      <dl className="ea-detail-list">
        <dt>Dialog · turn</dt>
        <dd>
          <code>{row.dialogId}</code> · turn {row.turn} <span className="muted">(example idx {row.idx})</span>
        </dd>
        <dt>Gold</dt>
        <dd className="ea-text-block">{row.gold}</dd>
        <dt>{labelA}</dt>
        <dd className="ea-text-block">
          {row.prediction === row.gold || !predictsText(task) ? (
            <span>{row.prediction}</span>
          ) : (
            <WordDiff before={row.gold} after={row.prediction} />
          )}
          <span className="ea-diff-note muted">
            {row.prediction === row.gold
              ? 'same as gold'
              : predictsText(task)
                ? 'diff against gold'
                : 'a score of the gold, not a text to compare with it'}
          </span>
        </dd>
        <dt>Score</dt>
        <dd>
          <ScorePill score={row.score} task={task} />
        </dd>
        {detailEntries(row.detail).map(([k, v]) => (
          <div key={k} className="ea-detail-pair">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {compare && (
          <>
            <dt className="ea-compare-sep">{compare.label}</dt>
            <dd className="ea-text-block ea-compare-sep" data-testid="compare-prediction">
              {b === undefined ? (
                <span className="muted">Loading…</span>
              ) : b === null ? (
                <span className="muted">No prediction for this dialog turn.</span>
              ) : b.prediction === row.prediction ? (
                <span>
                  {b.prediction} <span className="ea-diff-note muted">same as {labelA}</span>
                </span>
              ) : (
                <>
                  <WordDiff before={row.prediction} after={b.prediction} />
                  <span className="ea-diff-note muted">
                    {generation ? 'word-level diff' : 'differs'}: <del>{labelA}</del> → <ins>{compare.label}</ins>
                  </span>
                </>
              )}
            </dd>
            <dt>{compare.label} score</dt>
            <dd>{b ? <ScorePill score={b.score} task={task} /> : '—'}</dd>
          </>
        )}
      </dl>
    </section>
  )
}

export function ScorePill({ score, task }: { score: number; task: string }) {
  return <span className={`ea-score-pill ${scoreTone(task, score)}`}>{formatScore(score)}</span>
}
