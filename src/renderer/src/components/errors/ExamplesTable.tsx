// The examples grid: columns for one team (or two side by side), fed from the block cache.
// It owns the scroll window, so scrolling re-renders this component only, not the page.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { VirtualTable, type VirtualColumn } from '../VirtualTable'
import { formatCount, formatDetail, formatScore, isGeneration, scoreTone } from './tasks'
import type { AlignedRows, ExamplePages, ExampleRow } from './use-example-pages'
import { WordDiff } from './WordDiff'
import './errors.css'

export function ExamplesTable({
  label,
  pages,
  compare,
  labelA,
  labelB,
  task,
  selectedIndex,
  onSelect,
  onActivate,
  rowHeight,
  height
}: {
  label: string
  pages: ExamplePages
  /** The second team's rows, aligned by dialog + turn; undefined when not comparing. */
  compare: AlignedRows | undefined
  labelA: string
  labelB: string | undefined
  task: string
  selectedIndex: number
  onSelect(index: number): void
  onActivate(index: number): void
  rowHeight: number
  height: number
}) {
  const { get, requestRange, version, total, key } = pages
  const [range, setRange] = useState<[number, number]>([0, 0])
  const onRangeChange = useCallback((start: number, end: number) => setRange([start, end]), [])
  useEffect(() => requestRange(range[0], range[1]), [requestRange, range])

  // The other team's rows for what is on screen (and the selection).
  useEffect(() => {
    if (!compare) return
    const rows: ExampleRow[] = []
    for (let i = range[0]; i < range[1]; i++) {
      const row = get(i)
      if (row) rows.push(row)
    }
    const selected = get(selectedIndex)
    if (selected) rows.push(selected)
    compare.request(rows)
  }, [compare, range, get, version, selectedIndex])

  const generation = isGeneration(task)
  const lookup = compare?.lookup
  const compareVersion = compare?.version
  const columns = useMemo(() => {
    const cols: Array<VirtualColumn<ExampleRow>> = [
      { id: 'pos', header: '#', width: '78px', align: 'end', render: (_r, i) => formatCount(i + 1) },
      { id: 'dialog', header: 'Dialog', width: '86px', render: (r) => r.dialogId, title: (r) => r.dialogId },
      { id: 'turn', header: 'Turn', width: '58px', align: 'end', render: (r) => r.turn },
      { id: 'gold', header: 'Gold', width: 'minmax(150px, 1.2fr)', render: (r) => r.gold, title: (r) => r.gold },
      {
        id: 'prediction',
        header: lookup ? labelA : 'Prediction',
        width: 'minmax(150px, 1.4fr)',
        render: (r) => r.prediction,
        title: (r) => r.prediction
      },
      {
        id: 'score',
        header: 'Score',
        headerLabel: lookup ? `${labelA} score` : 'Score',
        width: '70px',
        align: 'end',
        render: (r) => <span className={scoreTone(task, r.score)}>{formatScore(r.score)}</span>
      }
    ]
    if (lookup) {
      cols.push(
        {
          id: 'b-prediction',
          header: labelB ?? 'Other team',
          width: 'minmax(180px, 1.6fr)',
          render: (r) => {
            const b = lookup(r)
            if (b === undefined) return <span className="muted">…</span>
            if (b === null) return <span className="muted">none</span>
            if (b.prediction === r.prediction) return <span className="ea-same-as-a">= {b.prediction}</span>
            return generation ? (
              <WordDiff before={r.prediction} after={b.prediction} />
            ) : (
              <span className="ea-differs-text">≠ {b.prediction}</span>
            )
          },
          title: (r) => lookup(r)?.prediction
        },
        {
          id: 'b-score',
          header: 'Score',
          headerLabel: `${labelB ?? 'Other team'} score`,
          width: '70px',
          align: 'end',
          render: (r) => {
            const b = lookup(r)
            return b ? <span className={scoreTone(task, b.score)}>{formatScore(b.score)}</span> : '—'
          }
        }
      )
    } else {
      cols.push({
        id: 'detail',
        header: 'Detail',
        width: 'minmax(150px, 1fr)',
        render: (r) => formatDetail(r.detail),
        title: (r) => formatDetail(r.detail)
      })
    }
    return cols
    // `compareVersion` re-renders the compare cells when the other team's rows arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lookup, labelA, labelB, generation, compareVersion, task])

  const rowClassName = useCallback(
    (row: ExampleRow | undefined) => {
      if (!row) return undefined
      const classes: string[] = []
      if (row.score < 1) classes.push('ea-row-wrong')
      const b = lookup?.(row)
      if (b && (b.prediction !== row.prediction || b.score !== row.score)) classes.push('ea-row-differs')
      return classes.join(' ') || undefined
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookup, compareVersion]
  )

  return (
    <VirtualTable
      label={label}
      idPrefix="examples"
      total={total ?? 0}
      columns={columns}
      getRow={get}
      onRangeChange={onRangeChange}
      selectedIndex={selectedIndex}
      onSelect={onSelect}
      onActivate={onActivate}
      rowClassName={rowClassName}
      rowHeight={rowHeight}
      height={height}
      minWidth={lookup ? 1040 : 860}
      emptyText={total === undefined ? 'Loading…' : 'No example matches the filters.'}
      resetKey={key}
    />
  )
}
