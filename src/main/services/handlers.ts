import { ApiError, type Channel, type Envelope, type Req, type Res } from '../../shared/api'
import { checkRequest } from '../../shared/request-checks'
import { InputError } from '../scoring/input-error'
import { errorText } from '../../shared/error-text'

export type Handlers = { [C in Channel]: (request: Req<C>) => Res<C> | Promise<Res<C>> }

/** Runs one API call and wraps the outcome so both transports carry errors the same way. */
export async function dispatch<C extends Channel>(handlers: Handlers, channel: C, raw: unknown): Promise<Envelope<Res<C>>> {
  try {
    // The one door: whatever the transport, a handler only sees a request of its declared shape.
    const request = checkRequest(channel, raw)
    const handler = handlers[channel] as (r: Req<C>) => Res<C> | Promise<Res<C>>
    return { ok: true, data: await handler(request) }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    if (error instanceof InputError) return { ok: false, error: { code: 'INPUT_ERROR', message: error.message } }
    console.error(`[podium] ${channel} failed:`, error)
    const message = errorText(error)
    return { ok: false, error: { code: 'INTERNAL', message } }
  }
}

export function notFound(what: string): never {
  throw new ApiError('NOT_FOUND', `${what} does not exist`)
}

/** Requests come from a browser in serve mode: check their shape before trusting them. */
export function requireId(request: unknown, field: string): number {
  const value = (request as Record<string, unknown> | null)?.[field]
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ApiError('BAD_REQUEST', `request.${field} must be a positive integer`)
  }
  return value
}

/** Every view is anonymized unless the organizer asks for real names with `anonymized: false`. */
export const isAnonymized = (request: { anonymized?: boolean } | null): boolean => request?.anonymized !== false
