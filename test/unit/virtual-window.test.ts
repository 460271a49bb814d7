import { describe, expect, it } from 'vitest'
import {
  blocksForIndices,
  blocksForRange,
  computeWindow,
  isNavigationKey,
  moveSelection,
  rowsPerPage,
  scrollToReveal
} from '../../src/renderer/src/virtual-window'

const base = { rowHeight: 30, viewportHeight: 300, overscan: 5 }

describe('computeWindow', () => {
  it('renders the visible rows plus overscan below at the top of the list', () => {
    expect(computeWindow({ ...base, scrollTop: 0, total: 50_000 })).toEqual({ start: 0, end: 15, totalHeight: 1_500_000 })
  })

  it('renders overscan on both sides in the middle of the list', () => {
    // 300 px viewport at 30 px rows: rows 1000..1009 visible.
    expect(computeWindow({ ...base, scrollTop: 30_000, total: 50_000 })).toMatchObject({ start: 995, end: 1015 })
  })

  it('counts a partly visible row at either edge', () => {
    // scrollTop 45: row 1 is half hidden at the top, row 11 half shown at the bottom.
    expect(computeWindow({ ...base, overscan: 0, scrollTop: 45, total: 100 })).toMatchObject({ start: 1, end: 12 })
  })

  it('ends exactly at the last row when scrolled to the bottom', () => {
    const w = computeWindow({ ...base, scrollTop: 50_000 * 30 - 300, total: 50_000 })
    expect(w.end).toBe(50_000)
    expect(w.start).toBe(50_000 - 10 - 5)
  })

  it('clamps a scroll offset left over from a longer list', () => {
    // The list shrank from 50,000 to 12 rows while scrolled far down: show its last rows.
    expect(computeWindow({ ...base, scrollTop: 900_000, total: 12 })).toEqual({ start: 0, end: 12, totalHeight: 360 })
    expect(computeWindow({ ...base, overscan: 0, scrollTop: 900_000, total: 100 })).toMatchObject({ start: 90, end: 100 })
  })

  it('clamps negative scroll (elastic overscroll) to the top', () => {
    expect(computeWindow({ ...base, overscan: 0, scrollTop: -80, total: 100 })).toMatchObject({ start: 0, end: 10 })
  })

  it('renders nothing for an empty list and keeps a bounded window for huge ones', () => {
    expect(computeWindow({ ...base, scrollTop: 0, total: 0 })).toEqual({ start: 0, end: 0, totalHeight: 0 })
    const w = computeWindow({ ...base, scrollTop: 123_456, total: 1_000_000 })
    expect(w.end - w.start).toBeLessThanOrEqual(10 + 1 + 2 * 5)
  })

  it('still renders one row when the viewport has no height yet', () => {
    expect(computeWindow({ ...base, overscan: 0, viewportHeight: 0, scrollTop: 0, total: 10 })).toMatchObject({ start: 0, end: 1 })
  })
})

describe('fetch blocks', () => {
  it('lists the blocks covering a row range', () => {
    expect(blocksForRange(0, 15, 200)).toEqual([0])
    expect(blocksForRange(195, 215, 200)).toEqual([0, 200])
    expect(blocksForRange(400, 400, 200)).toEqual([])
    expect(blocksForRange(49_985, 50_000, 200)).toEqual([49_800])
  })

  it('does not fetch a block that starts at the exclusive end', () => {
    expect(blocksForRange(100, 200, 200)).toEqual([0])
  })

  it('lists the distinct blocks holding scattered indices', () => {
    expect(blocksForIndices([5, 410, 7, 399, 12_001, -1], 200)).toEqual([0, 200, 400, 12_000])
  })

  it('rejects a block size below 1', () => {
    expect(() => blocksForRange(0, 10, 0)).toThrow()
  })
})

describe('scrollToReveal', () => {
  it('keeps the offset when the row is fully visible', () => {
    expect(scrollToReveal(5, 0, 300, 30)).toBe(0)
    expect(scrollToReveal(9, 0, 300, 30)).toBe(0)
  })

  it('scrolls down just enough for a row below the viewport', () => {
    expect(scrollToReveal(10, 0, 300, 30)).toBe(30)
    expect(scrollToReveal(49_999, 0, 300, 30)).toBe(50_000 * 30 - 300)
  })

  it('scrolls up to a row above the viewport', () => {
    expect(scrollToReveal(3, 600, 300, 30)).toBe(90)
  })

  it('reveals a row that is cut at the bottom edge', () => {
    expect(scrollToReveal(10, 15, 300, 30)).toBe(30)
  })
})

describe('keyboard navigation', () => {
  it('moves by one, by a page, and to either end, clamped to the list', () => {
    expect(moveSelection('ArrowDown', 0, 100, 10)).toBe(1)
    expect(moveSelection('ArrowUp', 0, 100, 10)).toBe(0)
    expect(moveSelection('ArrowDown', 99, 100, 10)).toBe(99)
    expect(moveSelection('PageDown', 5, 100, 10)).toBe(15)
    expect(moveSelection('PageDown', 95, 100, 10)).toBe(99)
    expect(moveSelection('PageUp', 5, 100, 10)).toBe(0)
    expect(moveSelection('Home', 57, 100, 10)).toBe(0)
    expect(moveSelection('End', 3, 50_000, 10)).toBe(49_999)
  })

  it('selects a first row when nothing (or a vanished row) is selected', () => {
    expect(moveSelection('ArrowDown', -1, 100, 10)).toBe(0)
    expect(moveSelection('End', -1, 100, 10)).toBe(99)
    expect(moveSelection('ArrowUp', 400, 100, 10)).toBe(0)
  })

  it('selects nothing in an empty list', () => {
    expect(moveSelection('Home', 0, 0, 10)).toBe(-1)
  })

  it('pages by the whole rows in view, never less than one', () => {
    expect(rowsPerPage(300, 30)).toBe(10)
    expect(rowsPerPage(310, 30)).toBe(10)
    expect(rowsPerPage(10, 30)).toBe(1)
  })

  it('recognizes only the navigation keys', () => {
    expect(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].every(isNavigationKey)).toBe(true)
    expect(isNavigationKey('Enter')).toBe(false)
    expect(isNavigationKey('ArrowLeft')).toBe(false)
  })
})
