// DUPLICATE_ENTRY: finds entries that share a commit or their prediction files, with the organizer's decisions.
import { ApiError } from '../../shared/api'
import type { DuplicateStatus, Team } from '../../shared/teams'
import type { Store } from '../db/store'
import { duplicateReason, findDuplicates, type DuplicateDecision, type DuplicateFinding } from '../ranking/duplicates'

interface Found {
  finding: DuplicateFinding
  status: DuplicateStatus
}

function findings(store: Store, challengeId: number): Map<number, Found> {
  const evaluations = store.evaluations.forChallenge(challengeId)
  const entries = store.teams
    .list(challengeId)
    .filter((t) => !t.isBaseline && t.submission)
    .map((t) => ({
      teamId: t.id,
      commit: t.submission!.resolvedCommit,
      fileHashes: evaluations.filter((e) => e.teamId === t.id).map((e) => e.inputSha256)
    }))
  const decisions = store.duplicates.forChallenge(challengeId)
  const out = new Map<number, Found>()
  for (const [teamId, finding] of findDuplicates(entries)) {
    const decided = decisions.get(teamId)
    // A decision holds only for what was shared when it was taken.
    const state = decided && decided.fingerprint === finding.fingerprint ? decided.decision : 'pending'
    out.set(teamId, { finding, status: { state, basis: finding.basis, otherTeamIds: finding.others } })
  }
  return out
}

/** Every duplicate entry of a challenge, by team id. */
export function duplicateStatuses(store: Store, challengeId: number): Map<number, DuplicateStatus> {
  return new Map([...findings(store, challengeId)].map(([id, f]) => [id, f.status]))
}

/** Why the team may not win as a duplicate (null: not a duplicate, or judged distinct). */
export function duplicateFlag(status: DuplicateStatus | undefined, labelOf: (teamId: number) => string): string | null {
  if (!status) return null
  return duplicateReason(status.basis, status.otherTeamIds.map(labelOf), status.state === 'pending' ? null : status.state)
}

/** The organizer's decision on one flagged entry, recorded in the audit log. */
export function decideDuplicate(store: Store, team: Team, decision: unknown): DuplicateStatus {
  if (decision !== 'distinct' && decision !== 'exclude') {
    throw new ApiError('BAD_REQUEST', 'request.decision must be "distinct" (a separate entry) or "exclude" (cannot win)')
  }
  const found = findings(store, team.challengeId).get(team.id)
  if (!found) throw new ApiError('CONFLICT', `team "${team.name}" is not flagged as a duplicate entry`)
  const names = new Map(store.teams.list(team.challengeId).map((t) => [t.id, t.name]))
  const others = found.finding.others.map((id) => names.get(id) ?? `team ${id}`).join(', ')
  store.db.transaction(() => {
    store.duplicates.set(team.id, decision as DuplicateDecision, found.finding.fingerprint)
    store.audit.record({
      challengeId: team.challengeId,
      teamId: team.id,
      action: `team.duplicate.${decision}`,
      detail: `same ${found.finding.basis === 'commit' ? 'commit' : 'prediction files'} as ${others}`
    })
  })()
  return { ...found.status, state: decision }
}
