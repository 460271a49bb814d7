import { EventEmitter } from 'node:events'
import type { PodiumEvent } from '../shared/api'

/** Fan-out of progress and status events to whichever transport is listening. */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(100)
  }

  emit(event: PodiumEvent): void {
    this.emitter.emit('event', event)
  }

  subscribe(listener: (event: PodiumEvent) => void): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
