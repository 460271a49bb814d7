import type { ReactNode } from 'react'
import type { CheckReport, FileDate } from '../../../../shared/intake'
import { instant, shortSha } from '../common/format'
import '../common/common.css'
import './submissions.css'

interface DateRow {
  key: string
  what: ReactNode
  commit: string | null
  iso: string | null | undefined
  /** Must be before the deadline (tag, commits, model and code files); predictions may come later. */
  bound: boolean
  note?: string
}

function fileRows(kind: 'Model file' | 'Code file', files: FileDate[]): DateRow[] {
  return files.map((f) => ({
    key: `${kind}:${f.path}`,
    what: (
      <>
        {kind} <code className="path">{f.path}</code>
        {f.mergeCommit && (
          // Judged on the commit that wrote the content; the merge that brought it in is shown beside it.
          <div className="muted" data-testid="merge-date">
            merged in <code title={f.mergeCommit}>{shortSha(f.mergeCommit)}</code> at {instant(f.mergeDate)?.local ?? f.mergeDate}
            {instant(f.mergeDate) && ` (${instant(f.mergeDate)!.utc})`}
          </div>
        )}
      </>
    ),
    commit: f.lastCommit,
    iso: f.date,
    bound: true,
    ...(f.truncated ? { note: 'upper bound: history ran out before the change' } : {})
  }))
}

/** Every date that matters for the deadline, in its own zone and in UTC, against the deadline. */
export function DatesTable({ report }: { report: CheckReport }) {
  const deadline = instant(report.dates.deadline)
  const rows: DateRow[] = [
    {
      key: 'tag',
      what: (
        <>
          Tag <code>{report.tag.name}</code> ({report.tag.type ?? 'missing'}
          {report.tag.tagger ? `, by ${report.tag.tagger}` : ''})
        </>
      ),
      commit: report.tag.object,
      iso: report.tag.type === 'annotated' ? (report.tag.taggerDate ?? report.dates.tagger) : null,
      bound: true,
      ...(report.tag.type === 'lightweight' ? { note: 'a lightweight tag has no date of its own' } : {})
    },
    ...(report.commit
      ? [
          {
            key: 'author',
            what: <>Commit author date ({report.commit.author})</>,
            commit: report.commit.sha,
            iso: report.commit.authorDate,
            bound: true
          },
          {
            key: 'committer',
            what: <>Commit committer date ({report.commit.committer})</>,
            commit: report.commit.sha,
            iso: report.commit.committerDate,
            bound: true
          }
        ]
      : []),
    {
      key: 'predictions',
      what: <>Predictions commit{report.predictions ? <> ({report.predictions.ref})</> : null}</>,
      commit: report.predictions?.commit ?? null,
      iso: report.dates.predictionsCommit,
      bound: false,
      note: 'predictions may follow the deadline'
    },
    ...fileRows('Model file', report.dates.modelFiles),
    ...fileRows('Code file', report.dates.codeFiles)
  ]
  return (
    <div className="c-scroll-x">
      <table className="grid sub-dates" aria-label="Dates against the deadline">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Commit</th>
            <th scope="col">Date as recorded</th>
            <th scope="col">UTC</th>
            <th scope="col">Against the deadline</th>
          </tr>
        </thead>
        <tbody>
          <tr className="sub-deadline-row">
            <th scope="row">Deadline</th>
            <td />
            <td>{deadline?.local ?? report.dates.deadline}</td>
            <td>{deadline?.utc ?? ''}</td>
            <td />
          </tr>
          {rows.map((row) => {
            const at = instant(row.iso)
            const after = at && deadline ? at.ms > deadline.ms : null
            const verdict =
              after === null ? (
                <span className="muted">{row.note ?? 'no date'}</span>
              ) : after ? (
                <span className={row.bound ? 'sub-late' : 'muted'}>
                  {row.bound ? '✗ after' : 'after'}
                  {row.note ? ` — ${row.note}` : ''}
                </span>
              ) : (
                <span className="sub-on-time">✓ before{row.note ? ` — ${row.note}` : ''}</span>
              )
            return (
              <tr key={row.key}>
                <th scope="row">{row.what}</th>
                <td>
                  <code title={row.commit ?? undefined}>{shortSha(row.commit)}</code>
                </td>
                <td>{at?.local ?? '—'}</td>
                <td>{at?.utc ?? '—'}</td>
                <td>{verdict}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
