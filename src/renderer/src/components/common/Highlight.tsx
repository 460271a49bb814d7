import { segments, type Range } from '../../search'
import './common.css'

/** `text` with the search's matches wrapped in <mark>. */
export function Highlight({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  if (ranges.length === 0) return <>{text}</>
  return (
    <>
      {segments(text, ranges).map((s, i) =>
        s.hit ? (
          <mark key={i} className="c-hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        )
      )}
    </>
  )
}
