import './common.css'

/**
 * A progress bar that always takes its space (no layout jump when work starts or ends).
 * Determinate when `total` > 0; indeterminate (an animated stripe) while `active` without a total.
 */
export function ProgressBar({ active, done = 0, total = 0, label }: { active: boolean; done?: number; total?: number; label: string }) {
  if (!active) return <div className="c-progress c-progress-idle" aria-hidden="true" />
  const determinate = total > 0
  const pct = determinate ? Math.min(100, Math.round((done / total) * 100)) : 0
  return (
    <div
      className={`c-progress${determinate ? '' : ' c-progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={determinate ? total : undefined}
      aria-valuenow={determinate ? done : undefined}
      aria-valuetext={determinate ? `${done} of ${total}` : 'in progress'}
    >
      <div className="c-progress-fill" style={determinate ? { width: `${pct}%` } : undefined} />
    </div>
  )
}
