// Reports: preview of the published (anonymized) report, exports in every format, and the
// per-team notices. Real names appear only after the organizer turns them on, with a warning.
import { useEffect, useId, useState } from 'react'
import type { ReportFile } from '../../../shared/views'
import { api } from '../api'
import { ExportButtons } from '../components/reports/ExportButtons'
import { NoticesList } from '../components/reports/NoticesList'
import { ReportPreview } from '../components/reports/ReportPreview'
import { useApi } from '../use-api'
import { usePodiumEvents } from '../use-events'
import '../components/common/common.css'
import '../components/reports/reports.css'
import { errorText } from '../../../shared/error-text'

/** The HTML report for one naming mode; never shows one mode's report under the other's toggle. */
function usePreview(challengeId: number, anonymized: boolean, generation: number) {
  const key = `${challengeId}:${anonymized}:${generation}`
  const [state, setState] = useState<{ key: string; file?: ReportFile; error?: string }>({ key: '' })
  useEffect(() => {
    let live = true
    api.call('reports.export', { challengeId, format: 'html', anonymized }).then(
      (file) => live && setState({ key, file }),
      (error: unknown) => live && setState({ key, error: errorText(error) })
    )
    return () => {
      live = false
    }
  }, [challengeId, anonymized, key])
  const current = state.key === key
  return { html: current ? state.file?.content : undefined, error: current ? state.error : undefined, loading: !current }
}

export function ReportsPage({ challengeId }: { challengeId: number }) {
  const challenge = useApi('challenges.get', { challengeId })
  const teams = useApi('teams.list', { challengeId })
  const notices = useApi('notices.list', { challengeId })
  const [realNames, setRealNames] = useState(false)
  const [generation, setGeneration] = useState(0)
  const preview = usePreview(challengeId, !realNames, generation)
  const reloadTeams = teams.reload
  const reloadNotices = notices.reload
  usePodiumEvents((event) => {
    if (event.type !== 'data.changed' || event.challengeId !== challengeId) return
    setGeneration((g) => g + 1)
    reloadTeams()
    reloadNotices()
  })
  const warningId = useId()

  if (challenge.error)
    return (
      <p role="alert" className="error">
        {challenge.error}
      </p>
    )
  const name = challenge.data?.name ?? 'the challenge'
  return (
    <section className="rp-page c-controls">
      <h1>Reports</h1>

      <div className={`rp-names${realNames ? ' rp-names-on' : ''}`}>
        <label className="rp-check">
          <input type="checkbox" checked={realNames} onChange={(e) => setRealNames(e.target.checked)} aria-describedby={warningId} />
          <span>
            Include real team names <span className="muted">(organizer only)</span>
          </span>
        </label>
        <p id={warningId} className="rp-names-note" role={realNames ? 'alert' : undefined}>
          {realNames ? (
            <>
              <strong>Real team names are on.</strong> The preview and every file exported now name the teams (files end in{' '}
              <code>-with-names</code>). Keep them among the organizers; publish only the anonymized report.
            </>
          ) : (
            <span className="muted">Off: the preview and exports show anonymous ids only, ready to publish.</span>
          )}
        </p>
      </div>

      <div className="rp-layout">
        <div className="rp-side">
          <section aria-labelledby="rp-export-title" className="c-panel rp-panel">
            <h2 id="rp-export-title">Export {realNames ? 'with real names' : 'anonymized'}</h2>
            <ExportButtons challengeId={challengeId} anonymized={!realNames} />
          </section>
          <section aria-labelledby="rp-notices-title" className="c-panel rp-panel">
            <h2 id="rp-notices-title">Team notices</h2>
            {notices.error && (
              <p role="alert" className="error">
                Cannot load notices: {notices.error}
              </p>
            )}
            {!notices.data && !notices.error && <p className="muted">Loading…</p>}
            {notices.data && challenge.data && (
              <NoticesList challengeSlug={challenge.data.slug} notices={notices.data} teams={teams.data ?? []} realNames={realNames} />
            )}
          </section>
        </div>
        <section aria-labelledby="rp-preview-title" className="c-panel rp-panel rp-preview-panel">
          <h2 id="rp-preview-title">
            Preview <span className={realNames ? 'rp-tag rp-tag-names' : 'rp-tag'}>{realNames ? 'with real names' : 'anonymized'}</span>
          </h2>
          <ReportPreview
            html={preview.html}
            loading={preview.loading}
            error={preview.error}
            title={`Report preview of ${name} (${realNames ? 'with real names' : 'anonymized'})`}
          />
        </section>
      </div>
    </section>
  )
}
