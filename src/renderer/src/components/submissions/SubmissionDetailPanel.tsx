import type { Challenge } from '../../../../shared/challenge'
import { isTokenizerSetting, tokenizerLabel } from '../../../../shared/scoring'
import type { AuditEntry, TeamRow } from '../../../../shared/teams'
import type { SubmissionDetail } from '../../../../shared/views'
import { Badge, SeverityBadge, StatusBadge } from '../common/Badge'
import { FlagButton } from '../common/FlagButton'
import { DuplicateDecision } from './DuplicateDecision'
import { formatWhen, instant, shortSha } from '../common/format'
import { MetricValue } from '../common/MetricValue'
import { DatesTable } from './DatesTable'
import { EntryFacts } from './EntryFacts'
import { PredictionSourcesFacts } from './PredictionSourcesFacts'
import { problemTitle } from './problem-text'
import './submissions.css'

/** The prediction file names the challenge expects (its patterns with each domain filled in). */
function predictionNames(challenge: Challenge): Set<string> {
  const names = new Set<string>()
  for (const category of challenge.config.categories) {
    for (const pattern of [category.file, ...(category.alternatives ?? [])]) {
      for (const domain of challenge.config.domains) names.add(pattern.replaceAll('{domain}', domain))
    }
  }
  return names
}

export function SubmissionDetailPanel({
  team,
  detail,
  detailError,
  challenge,
  audit,
  teams,
  onFlag,
  onDecideDuplicate
}: {
  team: TeamRow
  detail: SubmissionDetail | undefined
  detailError: string | undefined
  challenge: Challenge
  audit: AuditEntry[] | undefined
  teams: readonly TeamRow[]
  onFlag(reason: string | null): Promise<void>
  onDecideDuplicate(decision: 'distinct' | 'exclude'): Promise<void>
}) {
  const submission = detail?.submission ?? team.submission
  const report = detail?.report ?? null
  // Until the full report arrives, the verdict summary from the team list stands in.
  const verdict = report
    ? {
        ok: report.ok,
        errors: report.problems.filter((p) => p.severity === 'error').length,
        warnings: report.problems.filter((p) => p.severity === 'warning').length
      }
    : team.verdict
      ? { ok: team.verdict.ok, errors: team.verdict.errors.length, warnings: team.verdict.warnings.length }
      : null
  const deadline = instant(challenge.deadline)
  const expected = predictionNames(challenge)
  const categoryName = (id: string): string => challenge.config.categories.find((c) => c.id === id)?.name ?? id

  return (
    <section className="sub-detail" aria-labelledby="sub-detail-title" data-testid="submission-detail">
      <header className="sub-detail-head">
        <div>
          <h2 id="sub-detail-title">{team.name}</h2>
          <dl className="facts sub-facts">
            <dt>Anonymous id</dt>
            <dd>{team.anonId}</dd>
            <dt>Repository</dt>
            <dd>
              <code className="path">{team.repo}</code>
            </dd>
            <dt>Contact</dt>
            <dd>{team.contact || <span className="muted">none</span>}</dd>
            <dt>Submission</dt>
            <dd>
              <StatusBadge status={submission?.status ?? null} /> {submission?.statusCode && <code>{submission.statusCode}</code>}{' '}
              <span className="muted">{submission?.statusReason}</span>
            </dd>
            {submission && (
              <>
                <dt>Commits</dt>
                <dd>
                  tag <code>{submission.tag}</code> →{' '}
                  <code title={submission.resolvedCommit ?? ''}>{shortSha(submission.resolvedCommit)}</code>, predictions{' '}
                  <code title={submission.predictionsCommit ?? ''}>{shortSha(submission.predictionsCommit)}</code>
                  <span className="muted"> · updated {formatWhen(submission.updatedAt)}</span>
                </dd>
              </>
            )}
            <dt>Flag</dt>
            <dd className="sub-flag">
              {team.flaggedReason ? <Badge tone="danger">⚑ {team.flaggedReason}</Badge> : <span className="muted">not flagged</span>}
              {!team.isBaseline && <FlagButton who={team.name} flaggedReason={team.flaggedReason} onSave={onFlag} />}
            </dd>
            <DuplicateDecision team={team} teams={teams} onDecide={onDecideDuplicate} />
          </dl>
        </div>
        <div
          className={`sub-verdict ${verdict ? (verdict.ok ? 'sub-verdict-ok' : 'sub-verdict-bad') : 'sub-verdict-none'}`}
          data-testid="deadline-verdict"
        >
          <span className="sub-verdict-label">Deadline verdict</span>
          <strong>{verdict ? (verdict.ok ? 'OK' : 'Not OK') : 'Not checked'}</strong>
          <span className="sub-verdict-sub">
            {verdict
              ? `${verdict.errors} error(s), ${verdict.warnings} warning(s)`
              : submission?.status === 'failed'
                ? 'intake failed before the checks'
                : 'run intake to check'}
          </span>
          <span className="sub-verdict-deadline">
            Deadline {deadline?.local ?? challenge.deadline}
            <br />= {deadline?.utc}
          </span>
        </div>
      </header>

      {detailError && (
        <p role="alert" className="error">
          Cannot load the submission: {detailError}
        </p>
      )}

      {report ? (
        <>
          <h3>Dates</h3>
          {report.commit === null && <p className="muted">The tagged commit could not be read, so only the deadline is known.</p>}
          <DatesTable report={report} />

          <h3>Problems</h3>
          {report.problems.length === 0 ? (
            <p className="sub-on-time">No problem found: every check passed.</p>
          ) : (
            <ul className="sub-problems" aria-label="Problems">
              {report.problems.map((p, i) => (
                <li key={i} className={`sub-problem sub-problem-${p.severity}`} data-code={p.code}>
                  <SeverityBadge severity={p.severity} />
                  <div>
                    <strong>{problemTitle(p.code)}</strong> <code>{p.code}</code>
                    <div className="sub-problem-message">{p.message}</div>
                  </div>
                </li>
              ))}
            </ul>
          )}

          <EntryFacts report={report} />
          <PredictionSourcesFacts team={team} report={report} />

          <div className="sub-two">
            <div>
              <h3>Licence</h3>
              {report.license ? (
                <p>
                  <code>{report.license.file}</code>: {report.license.kind}{' '}
                  {report.license.permissive ? <Badge tone="ok">permissive</Badge> : <Badge tone="danger">not permissive</Badge>}
                </p>
              ) : report.commit === null ? (
                <p className="muted">Not checked: the tagged commit could not be read.</p>
              ) : (
                <p className="error">No licence file found.</p>
              )}
            </div>
            <div>
              <h3>Changed after the tag</h3>
              {report.predictions ? (
                <>
                  <p className="muted">
                    Predictions commit <code>{shortSha(report.predictions.commit)}</code> ({report.predictions.ref}) changes{' '}
                    {report.predictions.changedFiles.length} file(s) since <code>{report.tag.name}</code>:
                  </p>
                  <ul className="sub-files">
                    {report.predictions.changedFiles.map((f) => {
                      const isPrediction = expected.has(f.split('/').pop() ?? f)
                      return (
                        <li key={f} className={isPrediction ? undefined : 'sub-file-other'}>
                          <code className="path">{f}</code>
                          {!isPrediction && <Badge tone="danger">not a prediction file</Badge>}
                        </li>
                      )
                    })}
                  </ul>
                </>
              ) : (
                <p className="muted">No predictions commit was found.</p>
              )}
            </div>
          </div>
        </>
      ) : (
        !detailError && <p className="muted sub-placeholder">{detail ? 'No check report yet: run intake for this team.' : 'Loading…'}</p>
      )}

      <h3>Evaluations</h3>
      {detail && detail.evaluations.length > 0 ? (
        <table className="grid sub-evals" aria-label="Evaluations of this submission">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Domain</th>
              <th scope="col">Examples</th>
              <th scope="col">Coverage</th>
              <th scope="col">Metrics (± standard error)</th>
            </tr>
          </thead>
          <tbody>
            {detail.evaluations.map((e) => (
              <tr key={e.evaluationId}>
                <th scope="row">{categoryName(e.categoryId)}</th>
                <td>{e.domain}</td>
                <td>{e.n}</td>
                <td className={e.coverage.predicted < e.coverage.total ? 'error' : undefined}>
                  {e.coverage.predicted}/{e.coverage.total}
                </td>
                <td>
                  <div className="sub-metrics">
                    {Object.entries(e.metrics).map(([name, cell]) => (
                      <span key={name}>
                        <span className="muted">{name}</span> <MetricValue cell={cell} />
                      </span>
                    ))}
                  </div>
                  {isTokenizerSetting(e.params?.tokenizer) && (
                    <div className="muted sub-eval-params">BLEU tokenized as {tokenizerLabel(e.params.tokenizer)}</div>
                  )}
                  {e.warnings?.map((w, i) => (
                    <div key={i} className="error sub-eval-warning" role="note">
                      ⚠ {w.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{detail ? 'No evaluation.' : 'Loading…'}</p>
      )}

      <h3>Audit log</h3>
      {audit && audit.length > 0 ? (
        <div className="sub-audit-wrap">
          <table className="grid sub-audit" aria-label={`Audit log of ${team.name}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((a) => (
                <tr key={a.id}>
                  <td className="sub-when" title={a.at}>
                    {formatWhen(a.at)}
                  </td>
                  <td>
                    <code>{a.action}</code>
                  </td>
                  <td>{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{audit ? 'Nothing recorded yet.' : 'Loading…'}</p>
      )}
    </section>
  )
}
