/** An instant with its own zone, and the same instant in UTC, for deadlines. */
export function formatDeadline(iso: string): string {
  const utc = new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
  return `${iso.replace('T', ' ')} (${utc})`
}
