import type { CheckReport } from '../../../../shared/intake'
import { Badge } from '../common/Badge'
import './submissions.css'

const MODEL_KIND: Record<string, string> = { weights: 'weights', lfs: 'Git LFS pointer', script: 'download script' }

/** What the entry attempted (partial entries are judged on it) and which files were taken as the model. */
export function EntryFacts({ report }: { report: CheckReport }) {
  const entry = report.entry
  const models = report.modelFiles
  if (!entry && !models) return null
  return (
    <div className="sub-two" data-testid="entry-facts">
      {entry && (
        <div>
          <h3>Attempted</h3>
          <p data-testid="attempted">
            {entry.summary}{' '}
            {entry.missing.length === 0 ? (
              <Badge tone="ok">complete</Badge>
            ) : (
              <Badge tone={entry.mode === 'all' ? 'danger' : undefined}>
                {entry.mode === 'all' ? 'every category required' : 'partial entry'}
              </Badge>
            )}
          </p>
          {entry.missing.length > 0 && (
            <p className="muted">
              Not submitted: {entry.missing.map((f) => (f.category && f.domain ? `${f.category} (${f.domain})` : f.label)).join('; ')}
            </p>
          )}
        </div>
      )}
      {models && (
        <div>
          <h3>Model files</h3>
          {models.length === 0 ? (
            <p className="error">No model file in the entry tag.</p>
          ) : (
            <ul className="sub-files" data-testid="model-files">
              {models.slice(0, 20).map((m) => (
                <li key={m.path}>
                  <code className="path">{m.path}</code> <span className="muted">{MODEL_KIND[m.kind]}</span>
                  {m.size !== undefined && <span className="muted"> · {m.size.toLocaleString('en-US')} bytes</span>}
                </li>
              ))}
              {models.length > 20 && <li className="muted">and {models.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
