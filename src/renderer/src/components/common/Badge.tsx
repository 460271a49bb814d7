import type { ReactNode } from 'react'
import type { Severity } from '../../../../shared/intake'
import type { SubmissionStatus } from '../../../../shared/teams'
import './common.css'

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'accent' | 'busy'

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`c-badge c-badge-${tone}`} title={title}>
      {children}
    </span>
  )
}

const STATUS_TONE: Record<SubmissionStatus, Tone> = {
  pending: 'neutral',
  fetching: 'busy',
  validating: 'busy',
  scoring: 'busy',
  done: 'ok',
  failed: 'danger'
}

/** Intake is working on these right now (a pending submission may or may not be queued). */
export const BUSY_STATUSES: ReadonlySet<string> = new Set(['fetching', 'validating', 'scoring'])

/** A submission's state; `children` replaces the text (e.g. with highlighted text) but never the tone. */
export function StatusBadge({ status, children }: { status: SubmissionStatus | null; children?: ReactNode }) {
  if (!status) return <Badge tone="neutral">{children ?? 'no submission'}</Badge>
  return (
    <span className={`c-badge c-badge-${STATUS_TONE[status]}`} data-status={status}>
      {STATUS_TONE[status] === 'busy' && <span className="c-spinner" aria-hidden="true" />}
      {children ?? status}
    </span>
  )
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severity === 'error' ? 'danger' : 'warn'}>{severity}</Badge>
}
