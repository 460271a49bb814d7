// A virtualized, keyboard-navigable data grid with fixed row height.
// Only the rows in view (plus overscan) are in the DOM; the body's height comes from `total`,
// so the scrollbar is right before any row has loaded. Rows are fetched by the caller:
// `getRow` answers from its cache (undefined = not loaded yet, drawn as a placeholder row)
// and `onRangeChange` tells it which rows are about to be shown.
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode
} from 'react'
import { computeWindow, isNavigationKey, moveSelection, rowsPerPage, scrollToReveal } from '../virtual-window'
import './VirtualTable.css'

export interface VirtualColumn<Row> {
  id: string
  header: string
  /** Full accessible name of the column when `header` is abbreviated. */
  headerLabel?: string
  /** CSS grid track, e.g. "80px" or "minmax(200px, 2fr)". */
  width: string
  render(row: Row, index: number): ReactNode
  /** Full text for the cell's tooltip (cells clip to one line). */
  title?(row: Row): string | undefined
  align?: 'start' | 'end'
}

export interface VirtualTableProps<Row> {
  /** Accessible name of the grid. */
  label: string
  /** Prefix for element ids (aria-activedescendant); unique on the page. */
  idPrefix: string
  total: number
  columns: Array<VirtualColumn<Row>>
  getRow(index: number): Row | undefined
  /** Rows [start, end) are about to be rendered: load them. */
  onRangeChange?(start: number, end: number): void
  selectedIndex: number
  onSelect(index: number): void
  /** Enter or double-click on a row. */
  onActivate?(index: number): void
  rowClassName?(row: Row | undefined, index: number): string | undefined
  /** Fixed row height in px (must match the CSS). */
  rowHeight?: number
  /** Height of the whole grid viewport in px: fixed, so the page never jumps. */
  height?: number
  overscan?: number
  /** Minimum width of the rows; the grid scrolls sideways below it. */
  minWidth?: number
  emptyText?: string
  /** Changes when the list is replaced (new filter): scrolls back to the top. */
  resetKey?: string
}

const HEADER_HEIGHT = 34

export function VirtualTable<Row>(props: VirtualTableProps<Row>) {
  const {
    label,
    idPrefix,
    total,
    columns,
    getRow,
    onRangeChange,
    selectedIndex,
    onSelect,
    onActivate,
    rowClassName,
    rowHeight = 32,
    height = 480,
    overscan = 8,
    minWidth = 720,
    emptyText = 'No rows.',
    resetKey
  } = props
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(height - HEADER_HEIGHT)

  // The row area is the grid's client height minus the sticky header (and any horizontal scrollbar).
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const measure = (): void => setViewport(Math.max(0, el.clientHeight - HEADER_HEIGHT))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // A new list starts at its top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
    setScrollTop(0)
  }, [resetKey])

  const win = computeWindow({ scrollTop, viewportHeight: viewport, rowHeight, total, overscan })

  // Re-render only when the rendered window changes, not on every scrolled pixel.
  const windowRef = useRef(win)
  windowRef.current = win
  const onScroll = useCallback(() => {
    const el = scroller.current
    if (!el) return
    const next = computeWindow({ scrollTop: el.scrollTop, viewportHeight: viewport, rowHeight, total, overscan })
    if (next.start !== windowRef.current.start || next.end !== windowRef.current.end) setScrollTop(el.scrollTop)
  }, [viewport, rowHeight, total, overscan])

  useEffect(() => {
    if (win.end > win.start) onRangeChange?.(win.start, win.end)
  }, [win.start, win.end, onRangeChange])

  const select = useCallback(
    (index: number, reveal: boolean) => {
      onSelect(index)
      const el = scroller.current
      if (!reveal || !el || index < 0) return
      const next = scrollToReveal(index, el.scrollTop, viewport, rowHeight)
      if (next !== el.scrollTop) {
        el.scrollTop = next
        setScrollTop(next)
      }
    },
    [onSelect, viewport, rowHeight]
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isNavigationKey(event.key)) {
      event.preventDefault()
      const next = moveSelection(event.key, selectedIndex, total, rowsPerPage(viewport, rowHeight))
      if (next >= 0) select(next, true)
    } else if (event.key === 'Enter' && selectedIndex >= 0 && selectedIndex < total) {
      event.preventDefault()
      onActivate?.(selectedIndex)
    }
  }

  // Row callbacks read the latest props through a ref, so they never change identity and
  // memoized rows that did not change skip rendering when the window moves.
  const latest = useRef({ select, onActivate })
  latest.current = { select, onActivate }
  const onRowClick = useCallback((index: number) => {
    latest.current.select(index, false)
    scroller.current?.focus({ preventScroll: true })
  }, [])
  const onRowDoubleClick = useCallback((index: number) => latest.current.onActivate?.(index), [])

  const rows: ReactNode[] = []
  for (let index = win.start; index < win.end; index++) {
    const row = getRow(index)
    const selected = index === selectedIndex
    const className = [
      'vt-row',
      index % 2 ? 'vt-odd' : '',
      selected ? 'vt-selected' : '',
      row ? (rowClassName?.(row, index) ?? '') : 'vt-loading'
    ]
      .filter(Boolean)
      .join(' ')
    rows.push(
      <VirtualRow
        key={index}
        id={`${idPrefix}-row-${index}`}
        index={index}
        row={row}
        selected={selected}
        className={className}
        columns={columns}
        rowHeight={rowHeight}
        onRowClick={onRowClick}
        onRowDoubleClick={onRowDoubleClick}
      />
    )
  }

  const activeRendered = selectedIndex >= win.start && selectedIndex < win.end
  const gridStyle = {
    height,
    '--vt-columns': columns.map((c) => c.width).join(' '),
    '--vt-row-height': `${rowHeight}px`,
    '--vt-header-height': `${HEADER_HEIGHT}px`,
    '--vt-min-width': `${minWidth}px`
  } as CSSProperties

  return (
    <div
      ref={scroller}
      className="vt"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      data-total={total}
      aria-colcount={columns.length}
      aria-activedescendant={activeRendered ? `${idPrefix}-row-${selectedIndex}` : undefined}
      tabIndex={0}
      style={gridStyle}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row vt-header-row">
          {columns.map((column, c) => (
            <div
              key={column.id}
              role="columnheader"
              aria-colindex={c + 1}
              className={`vt-cell${column.align === 'end' ? ' vt-end' : ''}`}
              aria-label={column.headerLabel}
              title={column.headerLabel ?? column.header}
            >
              {column.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vt-body" style={{ height: Math.max(win.totalHeight, total === 0 ? rowHeight * 2 : 0) }}>
        {total === 0 ? (
          <div role="row" className="vt-empty">
            <div role="gridcell" aria-colspan={columns.length}>
              {emptyText}
            </div>
          </div>
        ) : (
          rows
        )}
      </div>
    </div>
  )
}

interface VirtualRowProps<Row> {
  id: string
  index: number
  row: Row | undefined
  selected: boolean
  className: string
  columns: Array<VirtualColumn<Row>>
  rowHeight: number
  onRowClick(index: number): void
  onRowDoubleClick(index: number): void
}

/** One positioned row; memoized, so moving the window renders only the rows that entered it. */
const VirtualRow = memo(function VirtualRow<Row>({
  id,
  index,
  row,
  selected,
  className,
  columns,
  rowHeight,
  onRowClick,
  onRowDoubleClick
}: VirtualRowProps<Row>) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={row ? undefined : true}
      data-index={index + 1}
      className={className}
      style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
      onClick={() => onRowClick(index)}
      onDoubleClick={() => onRowDoubleClick(index)}
    >
      {columns.map((column, c) =>
        row ? (
          <div
            key={column.id}
            role="gridcell"
            aria-colindex={c + 1}
            className={`vt-cell${column.align === 'end' ? ' vt-end' : ''}`}
            title={column.title?.(row)}
          >
            {column.render(row, index)}
          </div>
        ) : (
          <div key={column.id} role="gridcell" aria-colindex={c + 1} className="vt-cell">
            {c === 0 ? index + 1 : c === 1 ? <span className="vt-placeholder">Loading…</span> : null}
          </div>
        )
      )}
    </div>
  )
}) as <Row>(props: VirtualRowProps<Row>) => ReactNode
