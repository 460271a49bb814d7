// Markdown (ready for a README) and CSV renderings of the report model.
import { formatCell, metricHeading, traceLines, winnerLine, type ReportModel } from './report-model'

const mdEscape = (text: string): string => text.replace(/\|/g, '\\|')

export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [`# ${model.title}`, '']
  const stars = model.sections.some((s) => s.rule === undefined) ? " ★ marks the winner(s) by the challenge's rule." : ''
  out.push(`Deadline ${model.deadline}, entry tag \`${model.entryTag}\`.${stars}`, '')
  for (const section of model.sections) {
    const extra = section.extraColumns ?? []
    out.push(`## ${section.title}`, '')
    out.push(`| Rank | Team | ${[...section.metrics.map(metricHeading), ...extra].join(' | ')} | Note |`)
    out.push(`|---|---|${[...section.metrics, ...extra].map(() => '---').join('|')}|---|`)
    for (const row of section.rows) {
      const name = `${row.winner ? '★ ' : ''}${mdEscape(row.label)}`
      const cells = [...row.cells.map((c, i) => formatCell(c, section.metrics[i])), ...(row.extras ?? []).map(mdEscape)]
      out.push(`| ${row.rank ?? '—'} | ${name} | ${cells.join(' | ')} | ${mdEscape(row.note)} |`)
    }
    out.push('', `**${winnerLine(section)}**`, '', ...traceLines(section).map((l) => `${l}`), '')
  }
  out.push('## Reproducibility', '')
  out.push(`- Podium ${model.podiumVersion}; challenge configuration sha256 \`${model.configSha256}\``)
  for (const setting of model.settings ?? []) out.push(`- ${mdEscape(setting)}`)
  for (const input of model.inputs) out.push(`- \`${input.name}\` sha256 \`${input.sha256}\``)
  if (model.inputsNote) out.push(`- ${mdEscape(model.inputsNote)}`)
  return `${out.join('\n')}\n`
}

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

export function renderCsv(model: ReportModel): string {
  const lines = ['category,domain,rank,team,baseline,winner,eligible,metric,value,stderr']
  for (const s of model.sections) {
    for (const row of s.rows) {
      s.metrics.forEach((m, i) => {
        const cell = row.cells[i]!
        lines.push(
          [
            s.categoryId,
            s.domain,
            row.rank === null ? '' : String(row.rank),
            row.label,
            String(row.baseline),
            String(row.winner),
            String(row.eligible),
            m.metric,
            cell.value === null ? '' : String(cell.value),
            cell.stderr === null ? '' : String(cell.stderr)
          ]
            .map(csvField)
            .join(',')
        )
      })
    }
  }
  lines.push(`# podium ${model.podiumVersion} config-sha256 ${model.configSha256}`)
  return `${lines.join('\n')}\n`
}
