import { describe, expect, it } from 'vitest'
import { createRandom } from '../../src/main/random'
import { prepareInput } from '../../src/main/ranking/significance-data'
import { runInline } from '../../src/main/ranking/significance-merge'
import { escapeLatex, renderLatexTable, renderMarkdownTable, renderSignificanceSvg } from '../../src/main/reports/paper-results'
import type { ExampleResult } from '../../src/shared/scoring'
import type { SignificanceResult } from '../../src/shared/significance'

const NASTY = 'A&B 100% $x #1 _y {z} ~w ^v \\u'

function scores(seed: string, n: number, p: number): ExampleResult[] {
  const random = createRandom(seed)
  return Array.from({ length: n }, (_, i) => ({ dialogId: `d${i}`, turn: 0, gold: '', prediction: '', score: random.chance(p) ? 1 : 0 }))
}

/** Three entries: clearly best, tied with the best, clearly worse. */
function result(): SignificanceResult {
  const names = [NASTY, 'Team 2', 'Team <3>']
  const best = scores('a', 600, 0.7)
  // The runner-up differs on 35 examples, 20 for the best and 15 against: an insignificant gap.
  let lost = 0
  let won = 0
  const close = best.map((e) => {
    if (e.score === 1 && lost < 20) return { ...e, score: (lost++, 0) }
    if (e.score === 0 && won < 15) return { ...e, score: (won++, 1) }
    return e
  })
  const prepared = prepareInput('simmc-st2-generation', [
    { name: names[0]!, examples: best },
    { name: names[1]!, examples: close },
    { name: names[2]!, examples: scores('c', 600, 0.4) }
  ])
  const merged = runInline(prepared.input, 5, 400, {
    stderr: [[0.018, 0.019, 0.02]],
    priority: [{ metric: 'bleu', direction: 'higher' }],
    eligible: [true, true, true],
    seSource: 'best'
  })
  return {
    challengeId: 1,
    categoryId: 'simmc-st2-generation',
    domain: 'fashion',
    task: 'simmc-st2-generation',
    seed: 5,
    resamples: 400,
    unit: prepared.unit,
    units: prepared.input.units,
    entries: names.map((team, i) => ({ team, teamId: i + 1, evaluationId: i + 1, rank: i + 1, eligible: true })),
    ...merged,
    notes: []
  }
}

/** Every \begin{x} closed by \end{x} in order; braces balanced once escaped ones are removed. */
function checkBalanced(latex: string): void {
  const body = latex
    .split('\n')
    .filter((line) => !line.startsWith('%'))
    .join('\n')
  const stack: string[] = []
  for (const match of body.matchAll(/\\(begin|end)\{([^}]*)\}/g)) {
    if (match[1] === 'begin') stack.push(match[2]!)
    else expect(stack.pop()).toBe(match[2])
  }
  expect(stack).toEqual([])
  let depth = 0
  for (const c of body.replace(/\\[{}\\]/g, '')) {
    if (c === '{') depth++
    if (c === '}') depth--
    expect(depth).toBeGreaterThanOrEqual(0)
  }
  expect(depth).toBe(0)
  // No unescaped special character outside commands: %, #, & only as column separators, $ in pairs.
  expect(body.replace(/\\[%#&$_]/g, '')).not.toMatch(/[%#_]/)
  expect((body.replace(/\\\$/g, '').match(/\$/g) ?? []).length % 2).toBe(0)
}

describe('LaTeX results table (booktabs)', () => {
  const r = result()
  const latex = renderLatexTable(r, ['bleu'], 'Results & more: 100%')

  it('escapes all ten special characters', () => {
    expect(escapeLatex(NASTY)).toBe('A\\&B 100\\% \\$x \\#1 \\_y \\{z\\} \\textasciitilde{}w \\textasciicircum{}v \\textbackslash{}u')
    expect(latex).toContain(escapeLatex(NASTY))
    expect(latex).toContain('Results \\& more: 100\\%')
  })

  it('has balanced environments and braces, booktabs rules, one row per entry with the right columns', () => {
    checkBalanced(latex)
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(latex).toContain(rule)
    const rows = latex.split('\n').filter((l) => l.endsWith('\\\\'))
    expect(rows).toHaveLength(1 + 3)
    for (const row of rows) expect(row.replace(/\\&/g, '').split('&')).toHaveLength(3)
  })

  it('bolds the best, daggers the entry not significantly different from it, records seed and resamples', () => {
    const row = (name: string) => latex.split('\n').find((l) => l.startsWith(name))!
    expect(row(escapeLatex(NASTY))).toMatch(/\\textbf\{0\.\d{4}\} \$\\pm\$ 0\.0180/)
    expect(row('Team 2')).toContain('$^\\dagger$')
    expect(row('Team <3>')).not.toContain('dagger')
    expect(latex).toContain('400 resamples, seed 5')
    expect(latex).toMatch(/\[0\.\d{4}, 0\.\d{4}\]/)
  })
})

describe('Markdown and SVG', () => {
  const r = result()

  it('Markdown: the same marks, pipes and markup escaped', () => {
    const md = renderMarkdownTable(r, ['bleu'], 'Caption.')
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Entry'))
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatch(/\*\*0\.\d{4}\*\*/)
    expect(rows[1]).toContain('†')
    expect(rows[2]).toContain('Team \\<3\\>')
    expect(md).toContain('400 resamples of 600 examples, seed 5')
  })

  it('SVG: escaped labels, one cell per pair, the winners outlined, seed and resamples', () => {
    const svg = renderSignificanceSvg(r)
    expect(svg).toContain('Team &lt;3&gt;')
    expect(svg).toContain('A&amp;B 100%')
    expect(svg).not.toContain('<3>')
    expect(svg.match(/<rect [^>]*fill="rgb/g)).toHaveLength(6)
    expect(svg.match(/class="winner"/g)).toHaveLength(r.winners.length)
    expect(r.winners).toEqual([NASTY, 'Team 2'].sort())
    expect(svg).toContain('400 resamples, seed 5.')
  })
})
