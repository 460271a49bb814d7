// PDF outside Electron: Chromium's own headless --print-to-pdf on a temporary HTML file.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ApiError } from '../../shared/api'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export function findChromium(): string | null {
  const configured = process.env.PODIUM_CHROMIUM
  if (configured) return existsSync(configured) ? configured : null
  return CANDIDATES.find((path) => existsSync(path)) ?? null
}

export async function chromiumPrintPdf(html: string): Promise<Buffer> {
  const chromium = findChromium()
  if (!chromium) {
    throw new ApiError(
      'UNAVAILABLE',
      'PDF export needs Chromium (apt-get install chromium, or set PODIUM_CHROMIUM); export HTML and print it instead'
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'podium-pdf-'))
  try {
    const input = join(dir, 'report.html')
    const output = join(dir, 'report.pdf')
    writeFileSync(input, html)
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${output}`,
          pathToFileURL(input).href
        ],
        { timeout: 60_000 },
        (error, _stdout, stderr) =>
          error
            ? reject(new ApiError('INTERNAL', `Chromium could not print the report: ${stderr.split('\n')[0] || error.message}`))
            : resolve()
      )
    })
    if (!existsSync(output)) throw new ApiError('INTERNAL', 'Chromium printed no PDF')
    return readFileSync(output)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
