// A self-contained HTML report (no scripts, inline styles): opens anywhere and prints to PDF.
import { formatCell, legendLine, metricHeading, traceLines, winnerLine, type ReportModel } from './report-model'

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const STYLE = `
body{font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1f23;margin:32px;}
h1{font-size:20px}h2{font-size:15px;margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #dcdfe4;padding:5px 8px;text-align:left}
th{font-size:11px;text-transform:uppercase;color:#60656f}td.num{font-variant-numeric:tabular-nums}
tr.winner td{font-weight:600;background:#fff8db}tr.baseline td{font-style:italic;color:#60656f}
.trace{color:#3c4048;font-size:12px}.meta{color:#60656f;font-size:11px;word-break:break-all}
@media print{body{margin:12mm}h2{break-after:avoid}table{break-inside:avoid}}`

export function renderHtml(model: ReportModel): string {
  const sections = model.sections
    .map((s) => {
      const head = [...s.metrics.map(metricHeading), ...(s.extraColumns ?? [])].map((h) => `<th>${esc(h)}</th>`).join('')
      const rows = s.rows
        .map((row) => {
          const cls = row.winner ? 'winner' : row.baseline ? 'baseline' : ''
          const cells =
            row.cells.map((c, i) => `<td class="num">${esc(formatCell(c, s.metrics[i]))}</td>`).join('') +
            (row.extras ?? []).map((x) => `<td class="num">${esc(x)}</td>`).join('')
          return `<tr class="${cls}"><td>${row.rank ?? '—'}</td><td>${row.winner ? '★ ' : ''}${esc(row.label)}</td>${cells}<td>${esc(row.note)}</td></tr>`
        })
        .join('\n')
      const trace = traceLines(s)
        .map((l) => `<li>${esc(l.replace(/^\d+\. /, ''))}</li>`)
        .join('')
      return `<section><h2>${esc(s.title)}</h2>
<table><thead><tr><th>Rank</th><th>Team</th>${head}<th>Note</th></tr></thead><tbody>
${rows}
</tbody></table>
<p><strong>${esc(winnerLine(s))}</strong></p>${trace ? `<ol class="trace">${trace}</ol>` : ''}</section>`
    })
    .join('\n')
  const inputs =
    model.inputs.map((i) => `<li>${esc(i.name)}: ${i.sha256}</li>`).join('') + (model.inputsNote ? `<li>${esc(model.inputsNote)}</li>` : '')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(model.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(model.title)}</h1>
<p>${esc(legendLine(model))}</p>
${sections}
<h2>Reproducibility</h2>
<ul class="meta"><li>Podium ${esc(model.podiumVersion)}; challenge configuration sha256 ${model.configSha256}</li>${(model.settings ?? []).map((s) => `<li>${esc(s)}</li>`).join('')}${inputs}</ul>
</body></html>
`
}
