// The example table's filters. Text and score inputs apply after a short pause in typing;
// an impossible score range is reported and not applied.
import { useEffect, useId, useState } from 'react'
import { Field } from './Field'
import '../common/common.css'
import './errors.css'

export interface FilterValues {
  wrongOnly: boolean
  gold: string
  minScore: string
  maxScore: string
  text: string
  /** Subtask 1: a confusion-matrix cell, set by clicking the heat map. */
  goldAction: string
  predictedAction: string
}

export const NO_FILTER: FilterValues = {
  wrongOnly: false,
  gold: '',
  minScore: '',
  maxScore: '',
  text: '',
  goldAction: '',
  predictedAction: ''
}

export interface AppliedFilter {
  wrongOnly?: boolean
  gold?: string
  minScore?: number
  maxScore?: number
  text?: string
  goldAction?: string
  predictedAction?: string
}

const parseScore = (text: string): number | undefined | 'invalid' => {
  if (text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : 'invalid'
}

/** The API filter for the form values, or an error message. `wrongOnly` is dropped where scores have no "right" (perplexity). */
export function toQuery(values: FilterValues, wrongOnlyApplies = true): { filter: AppliedFilter } | { error: string } {
  const min = parseScore(values.minScore)
  const max = parseScore(values.maxScore)
  if (min === 'invalid') return { error: 'Minimum score is not a number.' }
  if (max === 'invalid') return { error: 'Maximum score is not a number.' }
  if (min !== undefined && max !== undefined && min > max) return { error: 'Minimum score is above the maximum.' }
  const filter: AppliedFilter = {}
  if (values.wrongOnly && wrongOnlyApplies) filter.wrongOnly = true
  if (values.gold !== '') filter.gold = values.gold
  if (min !== undefined) filter.minScore = min
  if (max !== undefined) filter.maxScore = max
  if (values.text.trim() !== '') filter.text = values.text.trim()
  if (values.goldAction !== '') filter.goldAction = values.goldAction
  if (values.predictedAction !== '') filter.predictedAction = values.predictedAction
  return { filter }
}

export function ExampleFilters({
  values,
  onChange,
  goldSuggestions,
  scoreHint,
  wrongOnlyApplies = true
}: {
  values: FilterValues
  onChange(values: FilterValues): void
  goldSuggestions: string[]
  scoreHint: string
  /** False for perplexity: no example is "wrong", so the filter is replaced by a note. */
  wrongOnlyApplies?: boolean
}) {
  // Typed text lives here until the typing pauses; checkboxes apply at once.
  const [draft, setDraft] = useState(values)
  useEffect(() => setDraft(values), [values])
  useEffect(() => {
    if (draft === values || 'error' in toQuery(draft)) return
    const timer = setTimeout(() => onChange(draft), 250)
    return () => clearTimeout(timer)
  }, [draft, values, onChange])
  const id = useId()
  const result = toQuery(draft)
  const set = (patch: Partial<FilterValues>, now = false): void => {
    const next = { ...draft, ...patch }
    setDraft(next)
    if (now && !('error' in toQuery(next))) onChange(next)
  }
  const active = JSON.stringify(draft) !== JSON.stringify(NO_FILTER)
  // Either end of the score range; both are described by the note below the filters.
  const scoreField = (label: string, key: 'minScore' | 'maxScore', placeholder: string) => (
    <Field label={label} title={scoreHint}>
      {(fieldId) => (
        <input
          id={fieldId}
          type="number"
          step="0.05"
          inputMode="decimal"
          value={draft[key]}
          placeholder={placeholder}
          onChange={(e) => set({ [key]: e.target.value })}
          aria-describedby={`${id}-score-hint`}
          className="ea-num-input"
        />
      )}
    </Field>
  )
  return (
    <fieldset className="ea-filters">
      <legend className="c-visually-hidden">Filter examples</legend>
      {wrongOnlyApplies ? (
        <label className="ea-check">
          <input type="checkbox" checked={draft.wrongOnly} onChange={(e) => set({ wrongOnly: e.target.checked }, true)} />
          Wrong only <span className="muted">(score &lt; 1)</span>
        </label>
      ) : (
        <p className="muted ea-check" data-testid="wrong-only-note">
          Perplexity has no right or wrong answer: use Score from to list the gold replies the model found least likely.
        </p>
      )}
      <Field label="Gold value (exact)">
        {(fieldId) => (
          <>
            <input
              id={fieldId}
              type="text"
              list={`${id}-gold`}
              value={draft.gold}
              placeholder="any"
              onChange={(e) => set({ gold: e.target.value })}
              size={18}
            />
            <datalist id={`${id}-gold`}>
              {goldSuggestions.map((g) => (
                <option key={g} value={g} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      {scoreField('Score from', 'minScore', 'min')}
      {scoreField('Score to', 'maxScore', 'max')}
      <Field label="Text" className="ea-grow">
        {(fieldId) => (
          <input
            id={fieldId}
            type="search"
            value={draft.text}
            placeholder="dialog id, gold or prediction"
            onChange={(e) => set({ text: e.target.value })}
          />
        )}
      </Field>
      {draft.goldAction !== '' && (
        <span className="ea-cell-filter" data-testid="cell-filter">
          gold <strong>{draft.goldAction}</strong> → predicted <strong>{draft.predictedAction}</strong>
          <button
            type="button"
            aria-label="Remove the confusion-cell filter"
            onClick={() => set({ goldAction: '', predictedAction: '' }, true)}
          >
            ×
          </button>
        </span>
      )}
      <button type="button" onClick={() => set(NO_FILTER, true)} disabled={!active}>
        Clear filters
      </button>
      <p id={`${id}-score-hint`} className="ea-filters-note" role={'error' in result ? 'alert' : undefined}>
        {'error' in result ? <span className="error">{result.error}</span> : <span className="muted">Score: {scoreHint}.</span>}
      </p>
    </fieldset>
  )
}
