// A results section ready for a paper, from one significance run: a LaTeX booktabs table, the
// same table in Markdown, and the p-value matrix as an SVG figure. Pure string builders.
import { bestAndTies, pairOf, pValueColor, type SignificanceResult } from '../../shared/significance'
import { simmcCategory } from '../../shared/simmc-categories'

export interface PaperResults {
  latex: string
  markdown: string
  svg: string
}

/** LaTeX's ten special characters, escaped for text mode. */
export function escapeLatex(text: string): string {
  return text.replace(/[&%$#_{}~^\\]/g, (c) => {
    switch (c) {
      case '~':
        return '\\textasciitilde{}'
      case '^':
        return '\\textasciicircum{}'
      case '\\':
        return '\\textbackslash{}'
      default:
        return `\\${c}`
    }
  })
}

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)

const num = (x: number | null): string => (x === null || !Number.isFinite(x) ? '--' : x.toFixed(4))

function metricLabel(result: SignificanceResult, metric: string): string {
  return simmcCategory(result.task)?.metrics.find((m) => m.metric === metric)?.label ?? metric
}

/** The metrics of the table: the category's priority metrics (those listed first), at most four. */
function tableMetrics(result: SignificanceResult, priority: readonly string[]): number[] {
  const wanted = result.metrics.map((m, i) => ({ m, i })).filter(({ m }) => priority.includes(m.metric))
  return (wanted.length ? wanted : result.metrics.map((m, i) => ({ m, i }))).slice(0, 4).map(({ i }) => i)
}

function provenance(result: SignificanceResult): string {
  return (
    `paired bootstrap, ${result.resamples} resamples of ${result.units} ${result.unit}s, seed ${result.seed}` +
    `; winner set ${result.winners.join(', ') || '(none)'} in ${(100 * result.robustness.share).toFixed(1)} % of resamples`
  )
}

export function renderLatexTable(result: SignificanceResult, priority: readonly string[], caption: string): string {
  const metrics = tableMetrics(result, priority)
  const marks = metrics.map((m) => bestAndTies(result, m))
  const header = ['Entry', ...metrics.flatMap((m) => [escapeLatex(metricLabel(result, result.metrics[m]!.metric)), '95\\% CI'])]
  const rows = result.entries.map((entry, e) => {
    const cells = metrics.flatMap((m, k) => {
      const cell = result.metrics[m]!.entries[e]!
      let value = num(cell.value)
      if (marks[k]!.best === e) value = `\\textbf{${value}}`
      if (marks[k]!.tied[e]) value = `${value}$^\\dagger$`
      const se = cell.stderr === null ? '' : ` $\\pm$ ${num(cell.stderr)}`
      return [`${value}${se}`, `[${num(cell.ciLow)}, ${num(cell.ciHigh)}]`]
    })
    return `${[escapeLatex(entry.team), ...cells].join(' & ')} \\\\`
  })
  const label = `tab:podium-${result.categoryId}-${result.domain}`.replace(/[^A-Za-z0-9:-]/g, '-')
  return [
    `% Podium results: ${escapeLatex(result.categoryId)} / ${escapeLatex(result.domain)}; ${provenance(result).replace(/\s+/g, ' ')}.`,
    '% Needs \\usepackage{booktabs}.',
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    `\\begin{tabular}{l${'rr'.repeat(metrics.length)}}`,
    '\\toprule',
    `${header.join(' & ')} \\\\`,
    '\\midrule',
    ...rows,
    '\\bottomrule',
    '\\end{tabular}',
    `\\caption{${escapeLatex(caption)} Value $\\pm$ official standard error; 95\\% CI: percentile bootstrap. ` +
      `Bold: best per metric. $^\\dagger$: not significantly different from the best (paired bootstrap, $p \\geq 0.05$). ` +
      `${result.resamples} resamples, seed ${result.seed}.}`,
    `\\label{${label}}`,
    '\\end{table}',
    ''
  ].join('\n')
}

const escapeMarkdown = (text: string): string => text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1')

export function renderMarkdownTable(result: SignificanceResult, priority: readonly string[], caption: string): string {
  const metrics = tableMetrics(result, priority)
  const marks = metrics.map((m) => bestAndTies(result, m))
  const header = ['Entry', ...metrics.flatMap((m) => [metricLabel(result, result.metrics[m]!.metric), '95 % CI'])]
  const rows = result.entries.map((entry, e) => [
    escapeMarkdown(entry.team),
    ...metrics.flatMap((m, k) => {
      const cell = result.metrics[m]!.entries[e]!
      let value = num(cell.value)
      if (marks[k]!.best === e) value = `**${value}**`
      if (marks[k]!.tied[e]) value = `${value} †`
      return [cell.stderr === null ? value : `${value} ± ${num(cell.stderr)}`, `[${num(cell.ciLow)}, ${num(cell.ciHigh)}]`]
    })
  ])
  return [
    `${caption} Value ± official standard error; 95 % CI: percentile bootstrap. **Bold**: best per metric. ` +
      `†: not significantly different from the best (paired bootstrap, p ≥ 0.05).`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Significance: ${provenance(result)}.`,
    ''
  ].join('\n')
}

/** The pairwise p-value matrix of one metric (paired bootstrap), winners outlined. */
export function renderSignificanceSvg(result: SignificanceResult, metricIndex = 0): string {
  const metric = result.metrics[metricIndex]!
  const n = result.entries.length
  const cell = 44
  const left = 110
  const top = 90
  const width = left + n * cell + 20
  const height = top + n * cell + 50
  const winners = new Set(result.winners)
  const parts: string[] = []
  result.entries.forEach((entry, i) => {
    const y = top + i * cell
    const x = left + i * cell
    parts.push(`<text x="${left - 8}" y="${y + cell / 2 + 4}" text-anchor="end">${escapeXml(entry.team)}</text>`)
    parts.push(`<text transform="translate(${x + cell / 2 + 4},${top - 8}) rotate(-60)">${escapeXml(entry.team)}</text>`)
    result.entries.forEach((_, j) => {
      const cx = left + j * cell
      if (i === j) {
        parts.push(`<rect x="${cx}" y="${y}" width="${cell}" height="${cell}" fill="#eeeeee" stroke="#ffffff"/>`)
        return
      }
      const p = pairOf(metric, i, j)!.pBootstrap
      parts.push(`<rect x="${cx}" y="${y}" width="${cell}" height="${cell}" fill="${pValueColor(p)}" stroke="#ffffff"/>`)
      const dark = p < 0.01
      parts.push(
        `<text x="${cx + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${dark ? '#ffffff' : '#222222'}">${p < 0.001 ? '&lt;.001' : p.toFixed(3).replace(/^0/, '')}</text>`
      )
    })
  })
  // The winner set: its block of rows and columns (entries are in leaderboard order).
  result.entries.forEach((entry, i) => {
    if (!winners.has(entry.team)) return
    const at = left + i * cell
    parts.push(
      `<rect class="winner" x="${at}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="none" stroke="#111111" stroke-width="3"/>`
    )
  })
  const label = metricLabel(result, metric.metric)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title>${escapeXml(`${label}: pairwise p-values, ${result.categoryId} / ${result.domain}`)}</title>`,
    ...parts,
    `<text x="${left}" y="${height - 24}">${escapeXml(`${label}, paired bootstrap p-values; outlined: winners (1-SE rule).`)}</text>`,
    `<text x="${left}" y="${height - 10}">${escapeXml(`${result.resamples} resamples, seed ${result.seed}.`)}</text>`,
    '</svg>',
    ''
  ].join('\n')
}

export function paperResults(result: SignificanceResult, priority: readonly string[], title: string): PaperResults {
  const caption = `${title}: ${result.categoryId}, ${result.domain}.`
  return {
    latex: renderLatexTable(result, priority, caption),
    markdown: renderMarkdownTable(result, priority, caption),
    svg: renderSignificanceSvg(result, 0)
  }
}
