// The per-team notices (each team's own anonymous id, by e-mail): one download each,
// or all of them in one ZIP of .eml files.
import type { TeamRow } from '../../../../shared/teams'
import type { TeamNotice } from '../../../../shared/views'
import { saveBlob } from '../../download'
import { makeZip } from './zip'
import '../common/common.css'
import './reports.css'

const emlBlob = (notice: TeamNotice): Blob => new Blob([notice.content], { type: 'message/rfc822' })

export function NoticesList({
  challengeSlug,
  notices,
  teams,
  realNames
}: {
  challengeSlug: string
  notices: TeamNotice[]
  teams: TeamRow[]
  realNames: boolean
}) {
  const byId = new Map(teams.map((t) => [t.id, t]))
  const collator = new Intl.Collator(undefined, { numeric: true })
  const sorted = [...notices].sort((a, b) => collator.compare(byId.get(a.teamId)?.anonId ?? '', byId.get(b.teamId)?.anonId ?? ''))
  const downloadAll = (): void => {
    const encoder = new TextEncoder()
    const zip = makeZip(sorted.map((n) => ({ name: n.fileName, data: encoder.encode(n.content) })))
    saveBlob(new Blob([zip], { type: 'application/zip' }), `${challengeSlug}-team-notices.zip`)
  }
  if (notices.length === 0) return <p className="muted">No team has been added yet, so there is no notice to send.</p>
  return (
    <>
      <div className="c-scroll-x">
        <table className="grid rp-notices">
          <thead>
            <tr>
              <th scope="col">Anonymous id</th>
              {realNames && <th scope="col">Team</th>}
              <th scope="col">File</th>
              <th scope="col">
                <span className="c-visually-hidden">Download</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((notice) => {
              const team = byId.get(notice.teamId)
              const anonId = team?.anonId ?? `team ${notice.teamId}`
              return (
                <tr key={notice.teamId} data-team-id={notice.teamId}>
                  <td>{anonId}</td>
                  {realNames && <td>{team?.name ?? '—'}</td>}
                  <td>
                    <code>{notice.fileName}</code>
                  </td>
                  <td className="rp-notice-action">
                    <button
                      type="button"
                      onClick={() => saveBlob(emlBlob(notice), notice.fileName)}
                      aria-label={`Download the notice for ${anonId}`}
                    >
                      Download
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="rp-notices-foot">
        <button type="button" onClick={downloadAll}>
          Download all {notices.length} notices (.zip)
        </button>
        <span className="muted">Each notice tells one team its own anonymous id and nobody else&apos;s. Send each only to its team.</span>
      </div>
    </>
  )
}
