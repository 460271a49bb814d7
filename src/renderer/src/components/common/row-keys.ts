import type { KeyboardEvent } from 'react'

/**
 * Keys of a focusable table row: Enter or Space activates it (selects, focuses: the table's
 * own click action), the arrow keys move focus to the row above or below.
 */
export function rowKeys(e: KeyboardEvent<HTMLTableRowElement>, activate: () => void): void {
  if (e.target !== e.currentTarget) return
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault()
    activate()
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault()
    const next = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling
    if (next instanceof HTMLElement) next.focus()
  }
}
