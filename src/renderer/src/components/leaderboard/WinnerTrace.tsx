import type { SeSource, TraceStep, WinnerOutcome } from '../../../../shared/ranking'
import { formatNumber } from '../common/format'
import './leaderboard.css'

const SE_SOURCE_TEXT: Record<SeSource, string> = {
  best: 'the standard error of the best entry',
  each: 'each entry’s own standard error',
  max: 'the larger of the two standard errors'
}

const fmt = (v: number | null | undefined): string => formatNumber(v)

function StepView({ step, index }: { step: TraceStep; index: number }) {
  const higher = step.direction === 'higher'
  const cmp = higher ? '≥' : '≤'
  return (
    <li className="lb-step" data-metric={step.metric}>
      <h4>
        Step {index + 1}: <code>{step.metric}</code> <span className="muted">({higher ? 'higher is better' : 'lower is better'})</span>
      </h4>
      {step.best === null ? (
        <p className="muted">Skipped: {step.note ?? 'no candidate has this metric'}. Every candidate stays.</p>
      ) : (
        <>
          <p>
            Best: <strong>{step.best.team}</strong> with {fmt(step.best.value)}{' '}
            {step.best.stderr === null ? '(standard error unknown, taken as 0)' : `± ${fmt(step.best.stderr)}`}.{' '}
            {step.threshold !== null ? (
              <>
                Candidates stay when {cmp} <strong>{fmt(step.threshold)}</strong> (best {higher ? '−' : '+'} one standard error, using{' '}
                {SE_SOURCE_TEXT[step.seSource]}).
              </>
            ) : (
              <>Candidates stay when within one standard error of the best, using {SE_SOURCE_TEXT[step.seSource]}.</>
            )}
          </p>
          <table className="grid lb-step-table" aria-label={`Step ${index + 1}: ${step.metric}`}>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Value</th>
                <th scope="col">SE used</th>
                <th scope="col">Bound</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {step.stayed.map((s) => (
                <tr key={`s-${s.team}`} className="lb-stayed" data-outcome="stayed">
                  <th scope="row">{s.team}</th>
                  <td>{fmt(s.value)}</td>
                  <td>{fmt(s.seUsed)}</td>
                  <td>
                    {cmp} {fmt(s.threshold)}
                  </td>
                  <td>
                    <span className="lb-ok">✓ stayed</span>
                    {s.team === step.best?.team ? <span className="muted"> (best)</span> : null}
                  </td>
                </tr>
              ))}
              {step.dropped.map((d) => (
                <tr key={`d-${d.team}`} className="lb-dropped" data-outcome="dropped">
                  <th scope="row">{d.team}</th>
                  <td>{fmt(d.value)}</td>
                  <td>{fmt(d.seUsed)}</td>
                  <td>{d.threshold === null ? '—' : `${cmp} ${fmt(d.threshold)}`}</td>
                  <td>
                    <span className="lb-bad">✗ dropped</span>: {d.reason}
                    {d.value !== null && d.threshold !== null ? ` (${fmt(d.value)} ${higher ? '<' : '>'} ${fmt(d.threshold)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {step.warnings.length > 0 && (
        <ul className="lb-warnings">
          {step.warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** The winner rule, step by step: each metric, its best value, the bound, who stayed and who dropped. */
export function WinnerTrace({ outcome, metricCount }: { outcome: WinnerOutcome; metricCount: number }) {
  const last = outcome.trace[outcome.trace.length - 1]
  const stoppedEarly = outcome.trace.length < metricCount && outcome.winners.length === 1
  return (
    <div className="lb-trace" data-testid="winner-trace">
      {outcome.excluded.length > 0 && (
        <div className="lb-excluded">
          <strong>Not candidates:</strong>
          <ul>
            {outcome.excluded.map((e) => (
              <li key={e.team}>
                {e.team} — <span className="muted">{e.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome.trace.length === 0 ? (
        <p className="muted">No eligible entry: the rule had nothing to compare.</p>
      ) : (
        <ol className="lb-steps">
          {outcome.trace.map((step, i) => (
            <StepView key={`${step.metric}-${i}`} step={step} index={i} />
          ))}
        </ol>
      )}
      <p className="lb-conclusion" data-testid="trace-conclusion">
        {outcome.winners.length === 0
          ? 'No winner.'
          : outcome.joint
            ? `Joint winners: ${outcome.winners.join(', ')} — still within one standard error of each other after the last metric (${last?.metric}).`
            : `Winner: ${outcome.winners[0]}${stoppedEarly ? ` — the only candidate left after ${last?.metric}, so later metrics were not needed.` : '.'}`}
      </p>
    </div>
  )
}
