import { useCallback, useEffect, useRef, useState } from 'react'
import type { SubmissionDetail } from '../../../../shared/views'
import { api } from '../../api'
import { errorText } from '../../../../shared/error-text'

/**
 * The submission detail (check report, evaluations, audit) of every listed team, loaded in parallel
 * and refreshed one team at a time (e.g. when its intake finishes). Used for the report columns and
 * the search fields (licence, tag type, problem codes), which teams.list does not carry.
 */
export function useTeamDetails(teamIds: readonly number[], anonymized: boolean) {
  const [details, setDetails] = useState<ReadonlyMap<number, SubmissionDetail>>(new Map())
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map())
  // Per team, the newest request wins even when answers arrive out of order.
  const generation = useRef(new Map<number, number>())
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const load = useCallback(
    (teamId: number) => {
      const gen = (generation.current.get(teamId) ?? 0) + 1
      generation.current.set(teamId, gen)
      api.call('submissions.get', { teamId, anonymized }).then(
        (detail) => {
          if (!mounted.current || generation.current.get(teamId) !== gen) return
          setDetails((m) => new Map(m).set(teamId, detail))
          setErrors((m) => {
            if (!m.has(teamId)) return m
            const next = new Map(m)
            next.delete(teamId)
            return next
          })
        },
        (error: unknown) => {
          if (!mounted.current || generation.current.get(teamId) !== gen) return
          setErrors((m) => new Map(m).set(teamId, errorText(error)))
        }
      )
    },
    [anonymized]
  )

  const key = teamIds.join(',')
  useEffect(() => {
    for (const id of teamIds) load(id)
    // `key` stands for the id list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, load])

  return { details, errors, refresh: load }
}
