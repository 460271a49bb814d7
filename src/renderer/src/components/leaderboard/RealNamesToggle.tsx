import './leaderboard.css'

/** The leaderboards' "show real team names" switch: anonymized by default, real names for the organizer's eyes only. */
export function RealNamesToggle({
  anonymized,
  onChange,
  describedBy
}: {
  anonymized: boolean
  onChange(anonymized: boolean): void
  /** Id of the text that says what showing real names means. */
  describedBy: string
}) {
  return (
    <label className="lb-names">
      <input type="checkbox" checked={!anonymized} onChange={(e) => onChange(!e.target.checked)} aria-describedby={describedBy} />
      <span>
        Show real team names <strong>(organizer only)</strong>
      </span>
    </label>
  )
}
