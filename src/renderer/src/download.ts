// Saving files from the renderer: a Blob, an object URL and a click on <a download>.
// In a browser (serve mode) that is an ordinary download; in Electron the same click opens
// the session's save dialog. No Node APIs, no extra IPC channel.
import type { ReportFile } from '../../shared/views'

/** The bytes of a report file: UTF-8 text, or PDF decoded from base64. */
export function reportFileBytes(file: Pick<ReportFile, 'content' | 'encoding'>): Uint8Array<ArrayBuffer> {
  if (file.encoding === 'base64') {
    const binary = atob(file.content)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  }
  return new TextEncoder().encode(file.content)
}

export function reportFileBlob(file: ReportFile): Blob {
  const type = file.encoding === 'utf8' && !file.mime.includes('charset') ? `${file.mime};charset=utf-8` : file.mime
  return new Blob([reportFileBytes(file)], { type })
}

/** Offers `blob` as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own reference by now; free the URL a little later, not at once
  // (revoking synchronously can cancel the download in some engines).
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

export function saveReportFile(file: ReportFile): void {
  saveBlob(reportFileBlob(file), file.fileName)
}

/** "12.3 kB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
