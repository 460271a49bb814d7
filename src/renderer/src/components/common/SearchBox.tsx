import { useId } from 'react'
import { describeSearch, type ParsedSearch } from '../../search'
import './common.css'

/** The search as the page keeps it (useTableSearch): the raw text, debounced and parsed (search.ts). */
export interface SearchState {
  value: string
  /** The debounced text `search` was parsed from (exposed as data-settled for tests and tools). */
  settled: string
  onChange(value: string): void
  search: ParsedSearch
  fields: readonly string[]
}

/**
 * The table search box: the page keeps the search (useTableSearch); this shows the box, the
 * syntax help, what the query was read as and how many rows match.
 */
export function SearchBox({
  value,
  settled,
  onChange,
  search,
  fields,
  shown,
  total,
  noun,
  placeholder
}: SearchState & {
  shown: number
  total: number
  noun: string
  placeholder?: string
}) {
  const helpId = useId()
  const statusId = useId()
  return (
    <div className="c-search" data-settled={settled}>
      <div className="c-search-row">
        <input
          type="search"
          className="c-search-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && value) {
              e.preventDefault()
              onChange('')
            }
          }}
          placeholder={placeholder ?? `Search ${noun}: text, regex, a; b, @field:value`}
          aria-label={`Search ${noun}`}
          aria-describedby={`${statusId} ${helpId}`}
          spellCheck={false}
          autoComplete="off"
        />
        <span id={statusId} className="c-search-count" role="status" data-testid="search-count">
          {search.clauses.length === 0 ? `${total} ${noun}` : `${shown} of ${total} ${noun} match`}
        </span>
      </div>
      <div className="c-search-meta">
        {search.unknownFields.length > 0 ? (
          <span className="error" role="alert">
            Unknown field {search.unknownFields.map((f) => `@${f}`).join(', ')}: use {fields.map((f) => `@${f}`).join(', ')}.
          </span>
        ) : (
          <span className="muted" data-testid="search-reading">
            {search.clauses.length === 0 ? '\u00a0' : `Searching for ${describeSearch(search)}`}
          </span>
        )}
        <details className="c-search-help">
          <summary>Search syntax</summary>
          <div id={helpId}>
            <ul>
              <li>
                <code>heron</code> — case-insensitive text anywhere in the row
              </li>
              <li>
                <code>^(aurora|blue)</code> — a regular expression, detected automatically when the text holds regex characters and compiles
              </li>
              <li>
                <code>delta; ember</code> — <code>;</code> adds another search: rows matching either
              </li>
              <li>
                <code>@status:failed</code> — one field only; fields: {fields.map((f) => `@${f}`).join(', ')}; quote values with spaces:{' '}
                <code>@team:"blue heron"</code>
              </li>
              <li>
                <code>team @license:mit; @code:TAG_AFTER_DEADLINE</code> — text and filters together
              </li>
            </ul>
          </div>
        </details>
      </div>
    </div>
  )
}
