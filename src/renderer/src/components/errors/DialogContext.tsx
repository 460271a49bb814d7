// Every example of the selected example's dialog in the same evaluation, ordered by turn,
// with the second team's predictions beside them when comparing.
import { useEffect, useState, type Ref } from 'react'
import type { DialogTranscript } from '../../../../shared/views'
import { errorText } from '../../../../shared/error-text'
import { api } from '../../api'
import { ScorePill } from './ExampleDetail'
import { exampleKey, useDialogContext, type ExampleRow } from './use-example-pages'
import { isGeneration } from './tasks'
import { WordDiff } from './WordDiff'
import '../common/common.css'
import './errors.css'

export interface ContextTarget {
  dialogId: string
  turn: number
  idx: number
}

export function DialogContext({
  target,
  evaluationA,
  labelA,
  evaluationB,
  labelB,
  task,
  onClose,
  ref
}: {
  target: ContextTarget | null
  evaluationA: number
  labelA: string
  evaluationB: number | undefined
  labelB: string | undefined
  task: string
  onClose(): void
  ref?: Ref<HTMLElement>
}) {
  const a = useDialogContext(target ? evaluationA : undefined, target?.dialogId)
  const b = useDialogContext(target && evaluationB !== undefined ? evaluationB : undefined, target?.dialogId)
  const bByKey = new Map((b.rows ?? []).map((r) => [exampleKey(r), r] as const))
  const comparing = evaluationB !== undefined
  const generation = isGeneration(task)
  return (
    <section
      ref={ref}
      className="c-panel ea-panel ea-dialog-context"
      aria-label="Dialog context"
      tabIndex={-1}
      data-testid="ea-dialog-context"
    >
      <div className="ea-panel-head">
        <h2>
          Dialog context
          {target && (
            <>
              {' '}
              <code>{target.dialogId}</code>
            </>
          )}
        </h2>
        {target && (
          <button type="button" onClick={onClose} aria-label="Close dialog context">
            Close
          </button>
        )}
      </div>
      <p className="muted" aria-live="polite" data-testid="context-summary">
        {!target
          ? 'Press Enter on a row (or double-click it) to see every turn of its dialog.'
          : a.loading
            ? `Loading dialog ${target.dialogId}…`
            : a.rows
              ? `${a.rows.length} example${a.rows.length === 1 ? '' : 's'} in dialog ${target.dialogId}, ordered by turn${a.truncated ? ' (search stopped early: too many text matches)' : ''}.`
              : ''}
      </p>
      {target && a.error && (
        <p role="alert" className="error">
          {a.error}
        </p>
      )}
      {target && <Transcript evaluationId={evaluationA} dialogId={target.dialogId} upTo={target.turn} />}
      {target && a.rows && (
        <table className="grid ea-context-table">
          <thead>
            <tr>
              <th scope="col">Turn</th>
              <th scope="col">Gold</th>
              <th scope="col">{labelA}</th>
              <th scope="col">Score</th>
              {comparing && <th scope="col">{labelB}</th>}
              {comparing && <th scope="col">Score</th>}
            </tr>
          </thead>
          <tbody>
            {a.rows.map((row) => (
              <ContextRow
                key={row.idx}
                row={row}
                other={comparing ? (b.loading ? undefined : (bByKey.get(exampleKey(row)) ?? null)) : undefined}
                comparing={comparing}
                current={row.idx === target.idx}
                generation={generation}
                task={task}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function ContextRow({
  row,
  other,
  comparing,
  current,
  generation,
  task
}: {
  row: ExampleRow
  other: ExampleRow | null | undefined
  comparing: boolean
  current: boolean
  generation: boolean
  task: string
}) {
  const differs = other ? other.prediction !== row.prediction : false
  return (
    <tr className={current ? 'ea-context-current' : undefined} aria-current={current ? 'true' : undefined} data-turn={row.turn}>
      <td>{row.turn}</td>
      <td className="ea-context-text">{row.gold}</td>
      <td className="ea-context-text">{row.prediction}</td>
      <td>
        <ScorePill score={row.score} task={task} />
      </td>
      {comparing && (
        <td className={`ea-context-text${differs ? ' ea-differs' : ''}`}>
          {other === undefined ? (
            <span className="muted">…</span>
          ) : other === null ? (
            <span className="muted">none</span>
          ) : differs && generation ? (
            <WordDiff before={row.prediction} after={other.prediction} />
          ) : (
            other.prediction
          )}
        </td>
      )}
      {comparing && <td>{other ? <ScorePill score={other.score} task={task} /> : '—'}</td>}
    </tr>
  )
}

/** The gold utterances of the dialog up to the selected turn (what the system had seen, and its gold reply). */
function Transcript({ evaluationId, dialogId, upTo }: { evaluationId: number; dialogId: string; upTo: number }) {
  const key = `${evaluationId}:${dialogId}`
  const [state, setState] = useState<{ key: string; transcript?: DialogTranscript; error?: string }>({ key: '' })
  useEffect(() => {
    let live = true
    api.call('examples.dialog', { evaluationId, dialogId }).then(
      (transcript) => live && setState({ key, transcript }),
      (error: unknown) => live && setState({ key, error: errorText(error) })
    )
    return () => {
      live = false
    }
  }, [evaluationId, dialogId, key])
  if (state.key !== key) return null
  if (state.error) return <p className="muted">Utterances unavailable: {state.error}</p>
  const t = state.transcript!
  const turns = t.turns.filter((x) => x.turn <= upTo)
  if (turns.length === 0)
    return t.note ? (
      <p className="muted" data-testid="ea-transcript-note">
        {t.note}
      </p>
    ) : null
  return (
    <section className="ea-transcript" aria-label={`Utterances of dialog ${dialogId} up to turn ${upTo}`} data-testid="ea-transcript">
      <p className="muted">
        Utterances up to turn {upTo}, from {t.source}:
      </p>
      <ol>
        {turns.map((x) => (
          <li key={x.turn} value={x.turn} className={x.turn === upTo ? 'ea-context-current' : undefined}>
            <p>
              <span className="ea-speaker">User</span> {x.user || <span className="muted">(nothing)</span>}
            </p>
            <p>
              <span className="ea-speaker">System (gold)</span> {x.system || <span className="muted">(nothing)</span>}
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
