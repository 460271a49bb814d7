import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

export const BENCH_DIR = __dirname
export const DATA_DIR = join(__dirname, 'data')
const SECTIONS = join(DATA_DIR, 'sections')

export const ms = (t: number): string => `${t.toFixed(0)} ms`
export const seconds = (t: number): string => `${(t / 1000).toFixed(2)} s`

export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

/** Each benchmark writes its section; RESULTS.md is rebuilt from all sections present. */
export function writeSection(name: string, markdown: string): void {
  mkdirSync(SECTIONS, { recursive: true })
  writeFileSync(join(SECTIONS, `${name}.md`), `${markdown.trim()}\n`)
  const sections = readdirSync(SECTIONS)
    .sort()
    .map((f) => readFileSync(join(SECTIONS, f), 'utf8'))
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
  writeFileSync(
    join(BENCH_DIR, 'RESULTS.md'),
    `# Benchmark results\n\nWritten by \`npm run bench\` on ${machine}.\n\n${sections.join('\n')}`
  )
}

export async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now()
  const result = await run()
  return { result, ms: performance.now() - start }
}
