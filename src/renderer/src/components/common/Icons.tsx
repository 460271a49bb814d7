import './common.css'
// Small inline icons: emoji fonts are not everywhere (Debian's Chromium has none), SVG is.

export function TrophyIcon({ title }: { title?: string }) {
  return (
    <svg
      className="c-icon"
      viewBox="0 0 16 16"
      width="13"
      height="13"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <path
        fill="currentColor"
        d="M4 1h8v1.5h2.5V5a3 3 0 0 1-3 3h-.2A4 4 0 0 1 9 10.2V12h2v1.5H5V12h2v-1.8A4 4 0 0 1 4.7 8h-.2a3 3 0 0 1-3-3V2.5H4V1Zm-1 3v1a1.5 1.5 0 0 0 1 1.4V4H3Zm9 0v2.4A1.5 1.5 0 0 0 13 5V4h-1ZM4 14h8v1.5H4V14Z"
      />
    </svg>
  )
}

/** The ConvAI2 table's apple: best on a metric. */
export function AppleIcon({ title }: { title?: string }) {
  return (
    <svg
      className="c-icon c-icon-apple"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <path fill="#3a9a3a" d="M8.2 4.2C8.3 2.6 9.3 1.3 10.9 1c0 1.6-1.1 2.9-2.7 3.2Z" />
      <path
        fill="#e03131"
        d="M8 5.2c-.9-.6-1.9-.9-2.9-.7C3.2 4.9 2 6.6 2 8.8 2 11.9 4 15 5.8 15c.8 0 1.3-.4 2.2-.4s1.4.4 2.2.4C12 15 14 11.9 14 8.8c0-2.2-1.2-3.9-3.1-4.3-1-.2-2 .1-2.9.7Z"
      />
    </svg>
  )
}
