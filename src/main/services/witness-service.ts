import type { Challenge } from '../../shared/challenge'
import type { Store } from '../db/store'
import type { WitnessRecord } from '../db/witnesses'
import { observeTag } from '../intake/witness'
import { errorText } from '../../shared/error-text'

/** Records, for every team, what its entry tag points at now: all rows in one transaction. */
export async function recordWitnesses(store: Store, challenge: Challenge, now: () => Date = () => new Date()): Promise<WitnessRecord[]> {
  const teams = store.teams.list(challenge.id).filter((t) => !t.isBaseline)
  const records = await Promise.all(
    teams.map(async (team): Promise<WitnessRecord> => {
      try {
        const seen = await observeTag(team.repo, challenge.entryTag)
        return {
          teamId: team.id,
          tag: challenge.entryTag,
          tagObject: seen.tagObject,
          commit: seen.commit,
          seenAt: now().toISOString(),
          error: null
        }
      } catch (error) {
        const message = errorText(error)
        return { teamId: team.id, tag: challenge.entryTag, tagObject: null, commit: null, seenAt: now().toISOString(), error: message }
      }
    })
  )
  store.db.transaction(() => {
    store.witnesses.recordAll(records)
    store.audit.record({
      challengeId: challenge.id,
      action: 'witness.recorded',
      detail: `${records.filter((r) => !r.error).length} of ${records.length} tags seen`
    })
  })()
  return records
}
