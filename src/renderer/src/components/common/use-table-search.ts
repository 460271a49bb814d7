import { useMemo, useState } from 'react'
import { parseSearch, type ParseOptions, type ParsedSearch } from '../../search'
import type { SearchState } from './SearchBox'
import { useDebounced } from './use-debounced'

/**
 * A table's search: the text as typed, the same text once typing pauses (200 ms) and what that
 * was parsed to. `box` goes to the SearchBox as it is; `options` must not change between renders
 * (a module constant), or the search is parsed again on every render.
 */
export function useTableSearch(options: ParseOptions & { fields: readonly string[] }): { search: ParsedSearch; box: SearchState } {
  const [query, setQuery] = useState('')
  const settled = useDebounced(query, 200)
  const search = useMemo(() => parseSearch(settled, options), [settled, options])
  return { search, box: { value: query, settled, onChange: setQuery, search, fields: options.fields } }
}
