import type { ReactNode } from 'react'

/** A table body's one row when it has nothing to list: a muted note across all `columns`. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {children}
      </td>
    </tr>
  )
}
