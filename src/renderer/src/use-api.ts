import { useCallback, useEffect, useState } from 'react'
import type { Channel, Req, Res } from '../../shared/api'
import { api } from './api'
import { errorText } from '../../shared/error-text'

export interface ApiState<T> {
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload(): void
}

/** Calls one API channel and re-calls it when the request changes or `reload` is asked. */
export function useApi<C extends Channel>(channel: C, request: Req<C> | undefined): ApiState<Res<C>> {
  const [state, setState] = useState<{ data?: Res<C>; error?: string; loading: boolean }>({ loading: true })
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify(request)
  useEffect(() => {
    if (request === undefined) return
    let live = true
    setState((s) => ({ ...s, loading: true }))
    api.call(channel, request).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: errorText(error), loading: false })
    )
    return () => {
      live = false
    }
    // `key` stands for `request`: objects are new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
