import { useEffect, useRef } from 'react'
import type { PodiumEvent } from '../../shared/api'
import { api } from './api'

/** Calls `listener` for every event from the main process while the component is mounted. */
export function usePodiumEvents(listener: (event: PodiumEvent) => void): void {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => api.onEvent((event) => latest.current(event)), [])
}
