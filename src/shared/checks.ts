// Small hand-written checkers for untrusted JSON: each returns the value with its checked type or
// throws BAD_REQUEST naming the JSON path ("request.teamIds[2]"). Used at the API's one door.
import { ApiError } from './api'

/** Checks one value; `path` names it in the error ("request.limit"). */
export type Check<T> = (value: unknown, path?: string) => T

/** A field that may be absent (or sent as undefined). */
export interface Optional<T> {
  optional: Check<T>
}

/** One checker per field of T, none missing: optional fields need `optional(...)`. */
export type FieldChecks<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? Optional<Exclude<T[K], undefined>> : Check<T[K]>
}

export function refuse(path: string, problem: string): never {
  throw new ApiError('BAD_REQUEST', `${path} ${problem}`)
}

const shown = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
  return String(value)
}

export const optional = <T>(check: Check<T>): Optional<T> => ({ optional: check })

export const string =
  (maxLength = 10_000): Check<string> =>
  (value, path = 'request') => {
    if (typeof value !== 'string') return refuse(path, `must be a string (got ${shown(value)})`)
    if (value.length > maxLength) return refuse(path, `is longer than ${maxLength} characters`)
    return value
  }

export const boolean: Check<boolean> = (value, path = 'request') =>
  typeof value === 'boolean' ? value : refuse(path, `must be true or false (got ${shown(value)})`)

export const finiteNumber: Check<number> = (value, path = 'request') =>
  typeof value === 'number' && Number.isFinite(value) ? value : refuse(path, `must be a number (got ${shown(value)})`)

export const integer =
  (min: number, max: number): Check<number> =>
  (value, path = 'request') => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return refuse(path, `must be an integer from ${min} to ${max} (got ${shown(value)})`)
    }
    return value
  }

/** A database row id. */
export const id: Check<number> = (value, path = 'request') =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0
    ? value
    : refuse(path, `must be a positive integer (got ${shown(value)})`)

export const oneOf =
  <const V extends readonly (string | number)[]>(values: V): Check<V[number]> =>
  (value, path = 'request') =>
    (values as readonly unknown[]).includes(value)
      ? (value as V[number])
      : refuse(path, `must be one of ${values.join(', ')} (got ${shown(value)})`)

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path)

export const arrayOf =
  <T>(check: Check<T>, maxLength = 10_000): Check<T[]> =>
  (value, path = 'request') => {
    if (!Array.isArray(value)) return refuse(path, `must be an array (got ${shown(value)})`)
    if (value.length > maxLength) return refuse(path, `has more than ${maxLength} items`)
    return value.map((item, i) => check(item, `${path}[${i}]`))
  }

/** No request body: null (an empty HTTP body), absent, or {}. */
export const nothing: Check<null> = (value, path = 'request') =>
  value === null || value === undefined || (isPlainObject(value) && Object.keys(value).length === 0)
    ? null
    : refuse(path, `takes no parameters (got ${shown(value)})`)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An object with exactly these fields: each is checked, an unknown one is refused (a typo must not
 * pass silently), and the result holds only the checked fields.
 */
export function fields<T>(checks: FieldChecks<T>): Check<T> {
  const entries = Object.entries(checks) as Array<[string, Check<unknown> | Optional<unknown>]>
  const known = new Set(entries.map(([key]) => key))
  return (value, path = 'request') => {
    if (!isPlainObject(value)) return refuse(path, `must be an object (got ${shown(value)})`)
    const unknown = Object.keys(value).find((key) => !known.has(key))
    if (unknown !== undefined) return refuse(`${path}.${unknown}`, `is not a field of this request (fields: ${[...known].join(', ')})`)
    const out: Record<string, unknown> = {}
    for (const [key, check] of entries) {
      const given = Object.hasOwn(value, key) ? value[key] : undefined
      if (typeof check === 'function') {
        if (given === undefined) return refuse(`${path}.${key}`, 'is required')
        out[key] = check(given, `${path}.${key}`)
      } else if (given !== undefined) out[key] = check.optional(given, `${path}.${key}`)
    }
    return out as T
  }
}

/** One of a string union, listed as a record so the compiler insists every member is named. */
export const members = <T extends string>(set: Record<T, true>): Check<T> => oneOf(Object.keys(set) as T[])
