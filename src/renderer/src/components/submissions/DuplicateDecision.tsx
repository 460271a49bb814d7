import { useState } from 'react'
import type { TeamRow } from '../../../../shared/teams'
import { Badge } from '../common/Badge'

const STATE_TEXT = {
  pending: 'cannot win until you decide',
  distinct: 'judged a distinct entry: may win',
  exclude: 'excluded: cannot win'
} as const

/** DUPLICATE_ENTRY: what the entry shares with which teams, and the organizer's decision. */
export function DuplicateDecision({
  team,
  teams,
  onDecide
}: {
  team: TeamRow
  teams: readonly TeamRow[]
  onDecide(decision: 'distinct' | 'exclude'): Promise<void>
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const duplicate = team.duplicate
  if (!duplicate) return null
  const others = duplicate.otherTeamIds.map((id) => teams.find((t) => t.id === id)?.name ?? `team ${id}`).join(', ')
  const decide = (decision: 'distinct' | 'exclude'): void => {
    setBusy(true)
    setError(null)
    onDecide(decision)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  return (
    <>
      <dt>Duplicate</dt>
      <dd className="sub-duplicate" data-testid="duplicate">
        <Badge tone={duplicate.state === 'distinct' ? 'neutral' : 'danger'} title="DUPLICATE_ENTRY">
          same {duplicate.basis === 'commit' ? 'commit' : 'prediction files'} as {others}
        </Badge>{' '}
        <span className="muted">{STATE_TEXT[duplicate.state]}</span>{' '}
        <button
          type="button"
          className="c-button c-button-small"
          disabled={busy || duplicate.state === 'distinct'}
          onClick={() => decide('distinct')}
        >
          Distinct entry
        </button>{' '}
        <button
          type="button"
          className="c-button c-button-small"
          disabled={busy || duplicate.state === 'exclude'}
          onClick={() => decide('exclude')}
        >
          Exclude from winners
        </button>
        {error && (
          <span role="alert" className="error">
            {' '}
            {error}
          </span>
        )}
      </dd>
    </>
  )
}
