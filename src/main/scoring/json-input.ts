// Generic helpers for reading JSON input files: parsing with a file-named error, JSON paths
// such as `[2].predictions[0].action_log_prob`, and type checks that throw InputError there.
import { InputError } from './input-error'

export type PathSegment = string | number
export type JsonPath = readonly PathSegment[]
export type JsonObject = Record<string, unknown>

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `[2].predictions[0].action_log_prob`; keys that are not identifiers are quoted: `["a b"]`. */
export function formatPath(path: JsonPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (IDENTIFIER.test(seg)) out += out ? `.${seg}` : seg
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

const NO_SEGMENTS: readonly PathSegment[] = []

/**
 * A position inside one input file, for InputErrors naming file and JSON path. Validators
 * take one for every value they check, so `at` only links to its parent (one small object,
 * no array): the path and its text are built when asked for, i.e. when there is an error.
 */
export class Loc {
  private parent: Loc | undefined = undefined
  private seg: PathSegment | undefined = undefined
  private seg2: PathSegment | undefined = undefined

  constructor(
    readonly file: string,
    private readonly rootPath: JsonPath = NO_SEGMENTS
  ) {}

  at(seg: PathSegment, seg2?: PathSegment): Loc {
    const child = new Loc(this.file)
    child.parent = this
    child.seg = seg
    child.seg2 = seg2
    return child
  }

  get path(): JsonPath {
    if (!this.parent) return this.rootPath
    const own = this.seg2 === undefined ? [this.seg!] : [this.seg!, this.seg2]
    return [...this.parent.path, ...own]
  }

  get text(): string {
    return formatPath(this.path)
  }

  /** The InputError for this position; `throw loc.error(...)` so TypeScript narrows. */
  error(problem: string): InputError {
    return new InputError(this.file, this.text, problem)
  }
}

/** Short description of a parsed value for messages: "an object", "NaN", "a string"... */
export function describeJson(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? 'a number' : String(v)
    case 'string':
      return 'a string'
    case 'boolean':
      return 'a boolean'
    case 'object':
      return 'an object'
    default:
      return typeof v
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function asObject(v: unknown, loc: Loc, what = 'an object'): JsonObject {
  if (!isObject(v)) throw loc.error(`expected ${what}, got ${describeJson(v)}`)
  return v
}

export function asArray(v: unknown, loc: Loc, what = 'an array'): unknown[] {
  if (!Array.isArray(v)) throw loc.error(`expected ${what}, got ${describeJson(v)}`)
  return v
}

export function asString(v: unknown, loc: Loc): string {
  if (typeof v !== 'string') throw loc.error(`expected a string, got ${describeJson(v)}`)
  return v
}

export function asFiniteNumber(v: unknown, loc: Loc): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw loc.error(`expected a finite number, got ${describeJson(v)}`)
  }
  return v
}

export function asInteger(v: unknown, loc: Loc): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw loc.error(`expected an integer, got ${typeof v === 'number' ? v : describeJson(v)}`)
  }
  return v
}

/** An array of finite numbers; checked without allocating a Loc per element. */
export function asFiniteNumberArray(v: unknown, loc: Loc): number[] {
  const arr = asArray(v, loc)
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i]
    if (typeof x !== 'number' || !Number.isFinite(x)) asFiniteNumber(x, loc.at(i))
  }
  return arr as number[]
}

/**
 * Refuses a value nested more than `max` levels deep. The scorers compare (st1 attributes) and
 * print (DST slot values) values recursively; JSON.parse reads any depth, so values that reach
 * such code are checked first and a 5,000-deep list is a clean refusal, not a stack overflow.
 */
export function assertShallow(v: unknown, loc: Loc, max = MAX_DEPTH): void {
  if (typeof v === 'object' && v !== null && deeperThan(v, max)) throw loc.error(`nested more than ${max} levels deep`)
}

/** Recursion is bounded by `levels` (≤ MAX_DEPTH frames), and nothing is allocated on the way. */
function deeperThan(v: object, levels: number): boolean {
  if (levels === 0) return true
  if (Array.isArray(v)) {
    for (const c of v as unknown[]) if (typeof c === 'object' && c !== null && deeperThan(c, levels - 1)) return true
    return false
  }
  const obj = v as JsonObject
  for (const k in obj) {
    const c = obj[k]
    if (typeof c === 'object' && c !== null && deeperThan(c, levels - 1)) return true
  }
  return false
}

/** obj[key], or an InputError `<path>.<key>: missing`. */
export function field(obj: JsonObject, key: string, loc: Loc): unknown {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) throw loc.at(key).error('missing')
  return obj[key]
}

// Field readers: obj[key] checked in place; the key's Loc is only built for the error.

export function stringField(obj: JsonObject, key: string, loc: Loc): string {
  const v = field(obj, key, loc)
  return typeof v === 'string' ? v : asString(v, loc.at(key))
}

export function integerField(obj: JsonObject, key: string, loc: Loc): number {
  const v = field(obj, key, loc)
  return typeof v === 'number' && Number.isInteger(v) ? v : asInteger(v, loc.at(key))
}

export function arrayField(obj: JsonObject, key: string, loc: Loc): unknown[] {
  const v = field(obj, key, loc)
  return Array.isArray(v) ? v : asArray(v, loc.at(key))
}

export function idField(obj: JsonObject, key: string, loc: Loc): number | string {
  const v = field(obj, key, loc)
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : asId(v, loc.at(key))
}

/** obj[key] as an object; null when the key is absent. */
export function optionalObjectField(obj: JsonObject, key: string, loc: Loc): JsonObject | null {
  if (!Object.hasOwn(obj, key)) return null
  const v = obj[key]
  return isObject(v) ? v : asObject(v, loc.at(key))
}

/** obj[key] as an array of finite numbers. */
export function finiteNumberArrayField(obj: JsonObject, key: string, loc: Loc): number[] {
  const v = field(obj, key, loc)
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))
    ? (v as number[])
    : asFiniteNumberArray(v, loc.at(key))
}

/** Every value of `obj` a finite number; the Loc of a bad one is `<loc>.<key>`. */
export function assertFiniteNumberValues(obj: JsonObject, loc: Loc): void {
  for (const k in obj) {
    const x = obj[k]
    if (typeof x !== 'number' || !Number.isFinite(x)) asFiniteNumber(x, loc.at(k))
  }
}

/** Map key for ids compared the way Python dict lookups do: 1003 and "1003" differ. */
export function idKey(v: unknown): string {
  return `${typeof v}:${String(v)}`
}

/** A dialog id (number or string), as the official scripts use them. */
export function asId(v: unknown, loc: Loc): number | string {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v
  throw loc.error(`expected a dialog id (number or string), got ${describeJson(v)}`)
}

/**
 * Parse JSON like Python's json.load: besides standard JSON it accepts the NaN, Infinity and
 * -Infinity literals that Python's json.dump writes (they come back as JS NaN/±Infinity, so
 * the validators can name their exact path). A leading BOM is ignored. Syntax errors become
 * an InputError at `line L, column C`.
 */
export function parseJson(text: string, file: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    return JSON.parse(src) as unknown
  } catch {
    // Slow path only for non-standard literals or to locate the syntax error.
    return new LenientParser(src, file).parseDocument()
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// JSON strings exclude raw control characters (RFC 8259).
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const WHITESPACE = /[ \t\n\r]*/y
/** Deepest nesting read from a file (Python's json module stops near 1,000 levels). */
export const MAX_DEPTH = 512

class LenientParser {
  private i = 0
  constructor(
    private readonly s: string,
    private readonly file: string
  ) {}

  parseDocument(): unknown {
    this.ws()
    const v = this.value(0)
    this.ws()
    if (this.i < this.s.length) this.error('unexpected data after the JSON value')
    return v
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.error('nesting too deep')
    const c = this.s[this.i]
    if (c === '{') return this.object(depth)
    if (c === '[') return this.array(depth)
    if (c === '"') return this.string()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (this.s.startsWith('-Infinity', this.i)) return this.literal('-Infinity', -Infinity)
      return this.number()
    }
    for (const [word, v] of LITERALS) if (this.s.startsWith(word, this.i)) return this.literal(word, v)
    return this.error(c === undefined ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`)
  }

  private object(depth: number): JsonObject {
    const out: JsonObject = {}
    this.i++
    this.ws()
    if (this.eat('}')) return out
    for (;;) {
      if (this.s[this.i] !== '"') this.error('expected a property name in double quotes')
      const key = this.string()
      this.ws()
      this.expect(':')
      this.ws()
      // defineProperty: a "__proto__" key must stay an own property, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true })
      this.ws()
      if (this.eat('}')) return out
      this.expect(',')
      this.ws()
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = []
    this.i++
    this.ws()
    if (this.eat(']')) return out
    for (;;) {
      out.push(this.value(depth + 1))
      this.ws()
      if (this.eat(']')) return out
      this.expect(',')
      this.ws()
    }
  }

  private string(): string {
    const tok = this.token(STRING, 'invalid string')
    return JSON.parse(tok) as string
  }

  private number(): number {
    return Number(this.token(NUMBER, 'invalid number'))
  }

  private literal(word: string, v: unknown): unknown {
    this.i += word.length
    return v
  }

  private token(re: RegExp, problem: string): string {
    re.lastIndex = this.i
    const m = re.exec(this.s)
    if (!m || m[0].length === 0) this.error(problem)
    this.i += m[0].length
    return m[0]
  }

  private ws(): void {
    WHITESPACE.lastIndex = this.i
    WHITESPACE.exec(this.s)
    this.i = WHITESPACE.lastIndex
  }

  private eat(c: string): boolean {
    if (this.s[this.i] !== c) return false
    this.i++
    return true
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) {
      const got = this.s[this.i]
      this.error(`expected '${c}', got ${got === undefined ? 'end of file' : JSON.stringify(got)}`)
    }
    this.i++
  }

  private error(problem: string): never {
    const before = this.s.slice(0, this.i)
    const line = before.split('\n').length
    const column = this.i - before.lastIndexOf('\n')
    throw new InputError(this.file, `line ${line}, column ${column}`, `invalid JSON: ${problem}`)
  }
}

const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY]
]
