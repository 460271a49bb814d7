import './reports.css'
// The HTML report shown as it will be published, in an iframe sandboxed with no permissions
// at all (no scripts, no forms, no same-origin access): the report is data, not code.
export function ReportPreview({
  html,
  loading,
  error,
  title
}: {
  html: string | undefined
  loading: boolean
  error: string | undefined
  title: string
}) {
  return (
    <div className="rp-preview" aria-busy={loading}>
      {error && (
        <p role="alert" className="error rp-preview-message">
          Cannot render the report: {error}
        </p>
      )}
      {!error && html === undefined && <p className="muted rp-preview-message">Rendering the report…</p>}
      {html !== undefined && <iframe className="rp-frame" title={title} sandbox="" srcDoc={html} referrerPolicy="no-referrer" />}
    </div>
  )
}
