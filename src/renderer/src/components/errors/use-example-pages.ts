// Example rows fetched page by page from `examples.list`, cached by block offset.
// A filter change starts a new cache (and drops late answers for the old one); the cache
// keeps at most MAX_BLOCKS blocks, evicting the least recently used.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ExamplePage, ExampleQuery } from '../../../../shared/views'
import { api } from '../../api'
import { blocksForIndices, blocksForRange } from '../../virtual-window'
import { errorText } from '../../../../shared/error-text'

export type ExampleRow = ExamplePage['rows'][number]
export type ExampleFilter = Omit<ExampleQuery, 'offset' | 'limit'>

export const BLOCK_SIZE = 200
const MAX_BLOCKS = 150 // 30,000 rows at most in memory per list

export interface ExamplePages {
  /** Identifies the filter the rows belong to. */
  key: string
  /** Rows matching the filter; undefined until the first block answers. */
  total: number | undefined
  error: string | undefined
  /** Bumps whenever a block arrives. */
  version: number
  get(index: number): ExampleRow | undefined
  requestRange(start: number, end: number): void
  requestIndices(indices: Iterable<number>): void
}

interface Cache {
  key: string
  filter: ExampleFilter | undefined
  blocks: Map<number, ExampleRow[]>
  pending: Set<number>
}

export function useExamplePages(filter: ExampleFilter | undefined, blockSize = BLOCK_SIZE): ExamplePages {
  const key = filter ? JSON.stringify(filter) : ''
  // `key` stands for `filter`, a new object on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const cache = useMemo<Cache>(() => ({ key, filter, blocks: new Map(), pending: new Set() }), [key])
  const latest = useRef(cache)
  latest.current = cache
  const [state, setState] = useState<{ key: string; total?: number; error?: string; version: number }>({
    key: '',
    version: 0
  })

  const load = useCallback(
    (offsets: number[]) => {
      const query = cache.filter
      if (!query) return
      for (const offset of offsets) {
        const rows = cache.blocks.get(offset)
        if (rows) {
          // Touch: most recently used goes last.
          cache.blocks.delete(offset)
          cache.blocks.set(offset, rows)
          continue
        }
        if (cache.pending.has(offset)) continue
        cache.pending.add(offset)
        api.call('examples.list', { ...query, offset, limit: blockSize }).then(
          (page) => {
            cache.pending.delete(offset)
            if (latest.current !== cache) return
            cache.blocks.set(offset, page.rows)
            while (cache.blocks.size > MAX_BLOCKS) cache.blocks.delete(cache.blocks.keys().next().value!)
            setState((s) => ({ key: cache.key, total: page.total, version: s.version + 1 }))
          },
          (error: unknown) => {
            cache.pending.delete(offset)
            if (latest.current !== cache) return
            setState((s) => ({
              key: cache.key,
              total: s.key === cache.key ? s.total : undefined,
              error: errorText(error),
              version: s.version + 1
            }))
          }
        )
      }
    },
    [cache, blockSize]
  )

  // The first block tells the total.
  useEffect(() => load([0]), [load])

  const get = useCallback(
    (index: number): ExampleRow | undefined => {
      const offset = Math.floor(index / blockSize) * blockSize
      return cache.blocks.get(offset)?.[index - offset]
    },
    [cache, blockSize]
  )
  const requestRange = useCallback((start: number, end: number) => load(blocksForRange(start, end, blockSize)), [load, blockSize])
  const requestIndices = useCallback((indices: Iterable<number>) => load(blocksForIndices(indices, blockSize)), [load, blockSize])

  const current = state.key === key
  return {
    key,
    total: current ? state.total : undefined,
    error: current ? state.error : undefined,
    version: state.version,
    get,
    requestRange,
    requestIndices
  }
}

/**
 * Every example of a filter, read in large pages, keeping those `keep` accepts; stops after
 * `cap` scanned rows. For small result sets (one dialog's turns), never for a whole table.
 */
export async function collectExamples(
  filter: ExampleFilter,
  keep: (row: ExampleRow) => boolean,
  cap = 50_000
): Promise<{ rows: ExampleRow[]; truncated: boolean }> {
  const limit = 5000
  const rows: ExampleRow[] = []
  for (let offset = 0; offset < cap; offset += limit) {
    const page = await api.call('examples.list', { ...filter, offset, limit })
    rows.push(...page.rows.filter(keep))
    if (offset + limit >= page.total) return { rows, truncated: false }
  }
  return { rows, truncated: true }
}

export const exampleKey = (row: Pick<ExampleRow, 'dialogId' | 'turn'>): string => `${row.dialogId}\u0000${row.turn}`

export interface DialogContext {
  rows: ExampleRow[] | undefined
  loading: boolean
  error: string | undefined
  truncated: boolean
}

/** All examples of one dialog in an evaluation, ordered by turn (the API's exact dialog filter). */
export function useDialogContext(evaluationId: number | undefined, dialogId: string | undefined): DialogContext {
  const [state, setState] = useState<DialogContext & { key: string }>({
    key: '',
    rows: undefined,
    loading: false,
    error: undefined,
    truncated: false
  })
  const key = evaluationId !== undefined && dialogId !== undefined ? `${evaluationId}:${dialogId}` : ''
  useEffect(() => {
    if (evaluationId === undefined || dialogId === undefined) return
    let live = true
    setState({ key, rows: undefined, loading: true, error: undefined, truncated: false })
    collectExamples({ evaluationId, dialogId }, () => true).then(
      ({ rows, truncated }) => {
        if (!live) return
        rows.sort((a, b) => a.turn - b.turn || a.idx - b.idx)
        setState({ key, rows, loading: false, error: undefined, truncated })
      },
      (error: unknown) => live && setState({ key, rows: undefined, loading: false, error: errorText(error), truncated: false })
    )
    return () => {
      live = false
    }
  }, [evaluationId, dialogId, key])
  if (!key) return { rows: undefined, loading: false, error: undefined, truncated: false }
  if (state.key !== key) return { rows: undefined, loading: true, error: undefined, truncated: false }
  return state
}

export interface AlignedRows {
  /** The other team's row for the same dialog and turn: undefined while loading, null if it has none. */
  lookup(row: ExampleRow): ExampleRow | null | undefined
  /** Load what `lookup` needs for these rows. */
  request(rows: ExampleRow[]): void
  version: number
  error: string | undefined
}

/**
 * Aligns a second evaluation's examples with the first's by dialog id + turn.
 * Fast path: both were scored against the same gold file, so the example at the same `idx`
 * is the same dialog turn; only when that fails is the whole second evaluation indexed.
 */
export function useAlignedRows(evaluationId: number | undefined): AlignedRows {
  const other = useExamplePages(evaluationId === undefined ? undefined : { evaluationId })
  const [index, setIndex] = useState<{ evaluationId: number; map: Map<string, ExampleRow> | 'loading'; error?: string }>()
  const fullIndex = index && index.evaluationId === evaluationId ? index : undefined

  const started = useRef<number | undefined>(undefined)
  const startIndex = useCallback(() => {
    if (evaluationId === undefined || started.current === evaluationId) return
    started.current = evaluationId
    setIndex({ evaluationId, map: 'loading' })
    collectExamples({ evaluationId }, () => true, 1_000_000).then(
      ({ rows }) =>
        setIndex((now) => (now?.evaluationId === evaluationId ? { evaluationId, map: new Map(rows.map((r) => [exampleKey(r), r])) } : now)),
      (error: unknown) =>
        setIndex((now) => (now?.evaluationId === evaluationId ? { evaluationId, map: new Map(), error: errorText(error) } : now))
    )
  }, [evaluationId])

  const { get: otherGet, total: otherTotal, requestIndices, version: otherVersion, error: otherError } = other
  // Stable while the other team's cache and index are: the caller re-renders on `version`.
  const lookup = useCallback(
    (row: ExampleRow): ExampleRow | null | undefined => {
      if (evaluationId === undefined) return null
      if (fullIndex) return fullIndex.map === 'loading' ? undefined : (fullIndex.map.get(exampleKey(row)) ?? null)
      const candidate = otherGet(row.idx)
      if (candidate && candidate.dialogId === row.dialogId && candidate.turn === row.turn) return candidate
      // Not loaded yet, or misaligned: `request` then builds the full index.
      return undefined
    },
    [evaluationId, fullIndex, otherGet]
  )

  const request = useCallback(
    (rows: ExampleRow[]) => {
      if (evaluationId === undefined || fullIndex) return
      requestIndices(rows.map((r) => r.idx))
      // A loaded row that is not the same dialog turn (or missing) means the orders differ.
      const misaligned = rows.some((r) => {
        const candidate = otherGet(r.idx)
        if (candidate) return candidate.dialogId !== r.dialogId || candidate.turn !== r.turn
        return otherTotal !== undefined && r.idx >= otherTotal
      })
      if (misaligned) startIndex()
    },
    [evaluationId, fullIndex, otherGet, otherTotal, requestIndices, startIndex]
  )

  return {
    lookup,
    request,
    version: otherVersion * 2 + (fullIndex && fullIndex.map !== 'loading' ? 1 : 0),
    error: otherError ?? fullIndex?.error
  }
}
