import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { ReportFormat } from '../../shared/views'
import { exportReport, teamNotices } from '../services/reports'
import { chromiumPrintPdf } from '../reports/chromium-pdf'
import { parseCommandArgs, withRuntime, requireOption, UsageError } from './args'
import type { Command } from './commands'
import { pickChallenge } from './intake-command'

const FORMATS: ReportFormat[] = ['md', 'csv', 'html', 'pdf']

export const reportCommand: Command = {
  name: 'report',
  usage: 'report --challenge ID --format md|csv|html|pdf --out PATH [--with-names] [--data DIR]',
  summary: 'export the anonymized ranking report (real names only with --with-names)',
  async run(argv) {
    const { values } = parseCommandArgs('report', argv, {
      challenge: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'with-names': { type: 'boolean' },
      data: { type: 'string' }
    })
    const format = requireOption('report', values, 'format') as ReportFormat
    if (!FORMATS.includes(format)) throw new UsageError(`report: --format must be one of ${FORMATS.join(', ')}, got "${format}"`)
    const out = resolve(requireOption('report', values, 'out'))
    return withRuntime(values.data, async (runtime) => {
      const challenge = pickChallenge(runtime, 'report', values.challenge)
      const file = await exportReport(
        { store: runtime.store, dataDir: runtime.dataDir, printPdf: chromiumPrintPdf },
        challenge,
        format,
        !values['with-names']
      )
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, Buffer.from(file.content, file.encoding))
      process.stdout.write(`${out}\n`)
      return 0
    })
  }
}

export const noticesCommand: Command = {
  name: 'notices',
  usage: 'notices --challenge ID --out DIR [--data DIR]',
  summary: 'write one .eml per team telling it its own anonymous id',
  async run(argv) {
    const { values } = parseCommandArgs('notices', argv, {
      challenge: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' }
    })
    const outDir = resolve(requireOption('notices', values, 'out'))
    return withRuntime(values.data, async (runtime) => {
      const notices = teamNotices(runtime, pickChallenge(runtime, 'notices', values.challenge))
      mkdirSync(outDir, { recursive: true })
      for (const notice of notices) writeFileSync(join(outDir, notice.fileName), notice.content)
      process.stdout.write(`${notices.length} notices in ${outDir}\n`)
      return 0
    })
  }
}
