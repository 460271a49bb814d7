import { useId, type ReactNode } from 'react'
import './errors.css'

/**
 * A caption above a form control, tied by id rather than by nesting, so the control's
 * accessible name is the caption alone (a nesting label would add the control's value).
 */
export function Field({
  label,
  title,
  className,
  children
}: {
  label: string
  title?: string
  className?: string
  children(id: string): ReactNode
}) {
  const id = useId()
  return (
    <div className={`ea-field${className ? ` ${className}` : ''}`} title={title}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  )
}
