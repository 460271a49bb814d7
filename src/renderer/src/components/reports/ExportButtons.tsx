// One button per report format: reports.export, then a download of the returned file.
import { useRef, useState } from 'react'
import type { ReportFormat } from '../../../../shared/views'
import { api } from '../../api'
import { formatBytes, reportFileBytes, saveReportFile } from '../../download'
import { errorText } from '../../../../shared/error-text'
import './reports.css'

export const FORMATS: Array<{ format: ReportFormat; label: string; hint: string }> = [
  { format: 'md', label: 'Markdown', hint: 'for a README or the challenge page' },
  { format: 'csv', label: 'CSV', hint: 'one row per team, metric and leaderboard' },
  { format: 'html', label: 'HTML', hint: 'self-contained page, as previewed' },
  { format: 'pdf', label: 'PDF', hint: 'printed from the HTML report' }
]

type Status = { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'error'; text: string }

export function ExportButtons({ challengeId, anonymized }: { challengeId: number; anonymized: boolean }) {
  // A status belongs to one challenge and one naming: "Saved …" for the anonymized report must
  // not stay beside the buttons once real names (or another challenge) are chosen.
  const key = `${challengeId}:${anonymized}`
  const [state, setState] = useState<{ key: string; byFormat: Partial<Record<ReportFormat, Status>> }>({ key, byFormat: {} })
  const status = state.key === key ? state.byFormat : {}
  const current = useRef(key)
  current.current = key
  // A late answer for a challenge or naming no longer on screen is dropped.
  const set = (format: ReportFormat, st: Status): void =>
    setState((s) => (current.current !== key ? s : { key, byFormat: { ...(s.key === key ? s.byFormat : {}), [format]: st } }))
  const run = async (format: ReportFormat): Promise<void> => {
    set(format, { kind: 'busy' })
    try {
      const file = await api.call('reports.export', { challengeId, format, anonymized })
      saveReportFile(file)
      const size = formatBytes(reportFileBytes(file).length)
      set(format, { kind: 'done', text: `Saved ${file.fileName} (${size})` })
    } catch (error) {
      set(format, { kind: 'error', text: errorText(error) })
    }
  }
  return (
    <ul className="rp-exports">
      {FORMATS.map(({ format, label, hint }) => {
        const st = status[format]
        return (
          <li key={format}>
            <button
              type="button"
              className={`rp-export${anonymized ? '' : ' rp-export-names'}`}
              onClick={() => void run(format)}
              disabled={st?.kind === 'busy'}
              aria-describedby={`rp-export-${format}-status`}
            >
              Export {label}
              <span className="rp-ext">.{format}</span>
            </button>
            <span id={`rp-export-${format}-status`} className="rp-export-status" aria-live="polite">
              {st?.kind === 'busy' ? (
                <span className="muted">Exporting…</span>
              ) : st?.kind === 'done' ? (
                <span className="rp-ok">{st.text}</span>
              ) : st?.kind === 'error' ? (
                <span className="error" role="alert">
                  {st.text}
                </span>
              ) : (
                <span className="muted">{hint}</span>
              )}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
