// Number and date formatting shared by the organizer's screens.
import { formatMetricNumber } from '../../../../shared/number-format'

/** Metric values as the reports print them (src/shared/number-format.ts): 4 decimals below 10, 2 from 10. */
export function formatNumber(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined) return '—'
  return formatMetricNumber(value, digits)
}

export interface Instant {
  /** As recorded, with its own offset: `2020-09-26 18:30:00 −07:00`. */
  local: string
  /** The same instant in UTC: `2020-09-27 01:30:00 UTC`. */
  utc: string
  ms: number
}

/** An ISO 8601 instant in its own zone and in UTC; `null` for a missing or unreadable date. */
export function instant(iso: string | null | undefined): Instant | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return null
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso)
  const zone = m?.[3] === 'Z' ? 'UTC' : (m?.[3]?.replace('-', '−') ?? '')
  const local = m ? `${m[1]} ${m[2]} ${zone}`.trim() : iso
  const utc = new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
  return { local, utc, ms }
}

/** Short timestamp for logs, in the viewer's own zone. */
export function formatWhen(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export const shortSha = (sha: string | null | undefined): string => (sha ? sha.slice(0, 10) : '—')
