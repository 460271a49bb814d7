// Pure arithmetic behind the virtualized table: which rows to render, which pages to fetch,
// where to scroll to keep the selection in view, and where a navigation key moves it.
// No DOM and no React here, so every rule is unit-tested (test/unit/virtual-window.test.ts).

export interface WindowInput {
  /** Scroll offset of the row area, in px (0 = first row at the top). */
  scrollTop: number
  /** Height of the visible row area, in px (the sticky header excluded). */
  viewportHeight: number
  /** Every row has this fixed height, in px. */
  rowHeight: number
  /** Number of rows in the whole (filtered) list. */
  total: number
  /** Extra rows rendered above and below the visible ones. */
  overscan: number
}

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number
  /** One past the last rendered row (exclusive); start === end when nothing is rendered. */
  end: number
  /** Height of the scrollable body: total × rowHeight. */
  totalHeight: number
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value))

/** The rows to render for a scroll position: the visible ones plus `overscan` on each side. */
export function computeWindow(input: WindowInput): RowWindow {
  const total = Math.max(0, Math.floor(input.total))
  const rowHeight = Math.max(1, input.rowHeight)
  const totalHeight = total * rowHeight
  if (total === 0) return { start: 0, end: 0, totalHeight }
  const viewport = Math.max(0, input.viewportHeight)
  // A scroll offset past the end (a list that just shrank) still shows the last rows.
  const maxScroll = Math.max(0, totalHeight - viewport)
  const scrollTop = clamp(input.scrollTop, 0, maxScroll)
  const firstVisible = Math.floor(scrollTop / rowHeight)
  const lastVisible = Math.ceil((scrollTop + viewport) / rowHeight) // exclusive
  const overscan = Math.max(0, Math.floor(input.overscan))
  return {
    start: clamp(firstVisible - overscan, 0, total),
    end: clamp(Math.max(lastVisible, firstVisible + 1) + overscan, 0, total),
    totalHeight
  }
}

/** Offsets of the fetch blocks (multiples of blockSize) that cover rows [start, end). */
export function blocksForRange(start: number, end: number, blockSize: number): number[] {
  if (blockSize < 1) throw new Error('blockSize must be at least 1')
  if (end <= start) return []
  const first = Math.floor(Math.max(0, start) / blockSize)
  const last = Math.floor((end - 1) / blockSize)
  const blocks: number[] = []
  for (let b = first; b <= last; b++) blocks.push(b * blockSize)
  return blocks
}

/** Offsets of the fetch blocks holding the given row indices (deduplicated, ascending). */
export function blocksForIndices(indices: Iterable<number>, blockSize: number): number[] {
  if (blockSize < 1) throw new Error('blockSize must be at least 1')
  const blocks = new Set<number>()
  for (const i of indices) if (i >= 0) blocks.add(Math.floor(i / blockSize) * blockSize)
  return [...blocks].sort((a, b) => a - b)
}

/**
 * The scroll offset that brings row `index` fully into view while moving as little as
 * possible: unchanged when the row is already visible.
 */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight
  const bottom = top + rowHeight
  if (top < scrollTop) return top
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight)
  return scrollTop
}

/** Whole rows that fit in the viewport: the step of Page Up / Page Down (at least 1). */
export function rowsPerPage(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / Math.max(1, rowHeight)))
}

export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End'

export const isNavigationKey = (key: string): key is NavigationKey =>
  key === 'ArrowUp' || key === 'ArrowDown' || key === 'PageUp' || key === 'PageDown' || key === 'Home' || key === 'End'

/**
 * Where a navigation key moves the selection in a list of `total` rows.
 * `current` is -1 when nothing is selected yet: End then selects the last row, any other key the first.
 * Returns -1 only for an empty list.
 */
export function moveSelection(key: NavigationKey, current: number, total: number, pageRows: number): number {
  if (total <= 0) return -1
  const last = total - 1
  const page = Math.max(1, pageRows)
  if (current < 0 || current > last) {
    return key === 'End' ? last : 0
  }
  switch (key) {
    case 'ArrowUp':
      return Math.max(0, current - 1)
    case 'ArrowDown':
      return Math.min(last, current + 1)
    case 'PageUp':
      return Math.max(0, current - page)
    case 'PageDown':
      return Math.min(last, current + page)
    case 'Home':
      return 0
    case 'End':
      return last
  }
}
