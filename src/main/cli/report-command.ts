import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { ReportFormat } from '../../shared/views'
import { exportReport, teamNotices } from '../services/reports'
import { chromiumPrintPdf } from '../reports/chromium-pdf'
import { defineCommand, flag, text } from './define-command'
import { isEmailAddress } from '../services/mail-header'

const FORMATS: ReportFormat[] = ['md', 'csv', 'html', 'pdf']

export const reportCommand = defineCommand({
  name: 'report',
  usage: '--challenge ID --format md|csv|html|pdf --out PATH [--with-names] [--data DIR]',
  summary: 'export the anonymized ranking report (real names only with --with-names)',
  options: { challenge: text, format: text, out: text, 'with-names': flag, data: text },
  async run({ values, required, fail, withRuntime, challenge }) {
    const format = required('format') as ReportFormat
    if (!FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`)
    const out = resolve(required('out'))
    return withRuntime(async (runtime) => {
      const context = { store: runtime.store, dataDir: runtime.dataDir, printPdf: chromiumPrintPdf }
      const file = await exportReport(context, challenge(runtime), format, !values['with-names'])
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, Buffer.from(file.content, file.encoding))
      process.stdout.write(`${out}\n`)
      return 0
    })
  }
})

export const noticesCommand = defineCommand({
  name: 'notices',
  usage: '--challenge ID --out DIR [--from ADDRESS] [--data DIR]',
  summary:
    'write one .eml per team telling it its own anonymous id (dated now; From: ADDRESS, the organizer, or without --from a draft to send from your own account)',
  options: { challenge: text, out: text, from: text, data: text },
  run: ({ values, required, fail, withRuntime, challenge }) => {
    const outDir = resolve(required('out'))
    const from = values.from
    if (from !== undefined && !isEmailAddress(from)) fail(`--from must be a plain e-mail address (name@example.org), got "${from}"`)
    return withRuntime(async (runtime) => {
      const notices = teamNotices(runtime, challenge(runtime), from !== undefined ? { from } : {})
      mkdirSync(outDir, { recursive: true })
      for (const notice of notices) writeFileSync(join(outDir, notice.fileName), notice.content)
      process.stdout.write(`${notices.length} notices in ${outDir}\n`)
      return 0
    })
  }
})
