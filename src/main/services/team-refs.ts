// Where a team's predictions live (refs searched in order) and the organizer's pick between copies of a
// prediction file found in several folders. Both are settings of the team, applied by the next intake,
// and every change is written to the audit log.
import { ApiError } from '../../shared/api'
import { predictionRefProblem, type Team } from '../../shared/teams'
import type { Store } from '../db/store'

/** Checks a request's `predictionRefs` (absent = none); duplicates are refused, order is kept. */
export function parsePredictionRefs(value: unknown, field = 'predictionRefs'): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new ApiError('BAD_REQUEST', `request.${field} must be a list of refs`)
  const refs: string[] = []
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw new ApiError('BAD_REQUEST', `request.${field}[${i}] must be a string`)
    const ref = item.trim()
    const why = predictionRefProblem(ref)
    if (why) throw new ApiError('BAD_REQUEST', `request.${field}[${i}]: predictions ref "${item}" ${why}`)
    if (refs.includes(ref)) throw new ApiError('BAD_REQUEST', `request.${field}[${i}]: predictions ref "${ref}" is listed twice`)
    refs.push(ref)
  })
  if (refs.length > 20) throw new ApiError('BAD_REQUEST', `request.${field}: at most 20 predictions refs`)
  return refs
}

export const describeRefs = (refs: readonly string[]): string => (refs.length > 0 ? refs.join(', ') : 'HEAD (default)')

export function updatePredictionRefs(store: Store, team: Team, refs: string[]): void {
  store.db.transaction(() => {
    store.teams.setPredictionRefs(team.id, refs)
    store.audit.record({
      challengeId: team.challengeId,
      teamId: team.id,
      action: 'team.predictions-refs',
      detail: `predictions refs: ${describeRefs(team.predictionRefs)} -> ${describeRefs(refs)}`
    })
  })()
}

/**
 * Records which copy of `file` is the entry. The path must be one of the copies the latest intake found,
 * so a typo cannot silently make the file disappear; `null` forgets the pick.
 */
export function choosePredictionFile(store: Store, team: Team, file: unknown, path: unknown): void {
  if (typeof file !== 'string' || file.trim() === '' || file.includes('/'))
    throw new ApiError('BAD_REQUEST', 'request.file must be a prediction file name (no folder)')
  if (path !== null && typeof path !== 'string') throw new ApiError('BAD_REQUEST', 'request.path must be a path in the repository, or null')
  const choices = { ...team.predictionChoices }
  if (path === null) {
    delete choices[file]
  } else {
    const submission = store.submissions.latestForTeam(team.id)
    const report = submission ? store.submissions.report(submission.id) : null
    const copies = report?.predictionCopies?.find((c) => c.file === file)
    if (!copies)
      throw new ApiError('BAD_REQUEST', `request.file: the latest intake of ${team.name} found ${file} in only one place (or not at all)`)
    if (!copies.paths.includes(path))
      throw new ApiError('BAD_REQUEST', `request.path: ${path} is not one of the copies of ${file}: ${copies.paths.join(', ')}`)
    choices[file] = path
  }
  store.db.transaction(() => {
    store.teams.setPredictionChoices(team.id, choices)
    store.audit.record({
      challengeId: team.challengeId,
      teamId: team.id,
      action: 'team.prediction-file-chosen',
      detail: path === null ? `${file}: pick forgotten (the gold decides again)` : `${file}: the organizer chose ${path}`
    })
  })()
}
