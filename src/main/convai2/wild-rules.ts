// The wild evaluation's rules, pure (seed: convai2-wild-evaluation.md; API notes in
// docs/convai2-formats.md): limits, the profile-copy check, the /start message and the
// parsing of what a bot sends.

import { DEFAULT_WILD_LIMIT_SETTINGS, WILD_LIMIT_RANGES, type WildLimitSettings } from '../../shared/convai2'

export interface WildLimits extends WildLimitSettings {
  /** Longest message text accepted, in UTF-16 units (Telegram: 4096). */
  maxTextLength: number
  /** n of the profile n-gram check. Seed: 5. */
  profileNgram: number
}

export const DEFAULT_WILD_LIMITS: WildLimits = {
  ...DEFAULT_WILD_LIMIT_SETTINGS,
  maxTextLength: 4096,
  profileNgram: 5
}

const LIMIT_KEYS = Object.keys(WILD_LIMIT_RANGES) as Array<keyof WildLimitSettings>

/**
 * Per-challenge limit settings (challenge config `wildLimits`, `podium wild-limits`): known
 * keys, integers in range; null removes a key (back to the default).
 */
export function checkWildLimitSettings(
  input: unknown
): { ok: true; value: Partial<Record<keyof WildLimitSettings, number | null>> } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'limits: expected an object' }
  const out: Partial<Record<keyof WildLimitSettings, number | null>> = {}
  for (const [key, value] of Object.entries(input)) {
    if (!(LIMIT_KEYS as string[]).includes(key)) {
      return { ok: false, error: `limits.${key}: unknown limit (known: ${LIMIT_KEYS.join(', ')})` }
    }
    const k = key as keyof WildLimitSettings
    if (value === null) {
      out[k] = null
      continue
    }
    const { min, max, label } = WILD_LIMIT_RANGES[k]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return { ok: false, error: `limits.${key} (${label}): expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}` }
    }
    out[k] = value
  }
  return { ok: true, value: out }
}

/** The limits a challenge's configuration asks for, over the defaults. */
export function wildLimitsOf(config: Partial<WildLimitSettings> | undefined): WildLimits {
  return { ...DEFAULT_WILD_LIMITS, ...config }
}

/** The settable part of the limits (for views). */
export const limitSettings = (l: WildLimitSettings): WildLimitSettings => ({
  inactivitySeconds: l.inactivitySeconds,
  maxUtterances: l.maxUtterances,
  maxInvalidMessages: l.maxInvalidMessages,
  maxPollSeconds: l.maxPollSeconds
})

/** The seed's error, byte for byte in its description (the class name says "Trigram"). */
export const PROFILE_COPY_DESCRIPTION = "Error: <class 'convai.exceptions.ProfileTrigramDetectedInMessageError'>: "

/** Profiles have 4 sentences (seed); its own example has 5, so 4 or 5 lines are accepted. */
export const PROFILE_MIN_LINES = 4
export const PROFILE_MAX_LINES = 5

// ---------------------------------------------------------------- profile n-grams

const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/gu

/**
 * Tokens for the profile check: lowercase, every Unicode punctuation or symbol character
 * becomes a space ("i'm" → "i m", "don't!" → "don t"), split on whitespace.
 */
export function wildTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(PUNCT_OR_SYMBOL, ' ')
    .split(/\s+/u)
    .filter((t) => t !== '')
}

function ngramsOf(tokens: readonly string[], n: number): string[] {
  const out: string[] = []
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '))
  return out
}

/** The n-grams of each profile line; n-grams never span two lines (two sentences). */
export function profileNgrams(profile: readonly string[], n: number): Set<string> {
  const set = new Set<string>()
  for (const line of profile) for (const g of ngramsOf(wildTokens(line), n)) set.add(g)
  return set
}

/** The first n-gram of `text` found in the profile's n-gram set, or null. */
export function copiedNgram(text: string, profileSet: ReadonlySet<string>, n: number): string | null {
  if (profileSet.size === 0) return null
  for (const g of ngramsOf(wildTokens(text), n)) if (profileSet.has(g)) return g
  return null
}

// ---------------------------------------------------------------- the /start message

/** Trimmed profile lines, or the reason they are not a valid profile. */
export function checkProfile(lines: unknown, what = 'profile'): { ok: true; lines: string[] } | { ok: false; error: string } {
  if (!Array.isArray(lines)) return { ok: false, error: `${what}: expected an array of sentences` }
  if (lines.length < PROFILE_MIN_LINES || lines.length > PROFILE_MAX_LINES) {
    return { ok: false, error: `${what}: expected ${PROFILE_MIN_LINES} or ${PROFILE_MAX_LINES} sentences, got ${lines.length}` }
  }
  const out: string[] = []
  for (const [i, line] of lines.entries()) {
    if (typeof line !== 'string') return { ok: false, error: `${what}[${i}]: expected a string` }
    const text = line.trim()
    if (text === '') return { ok: false, error: `${what}[${i}]: empty sentence` }
    if (/[\r\n]/.test(text)) return { ok: false, error: `${what}[${i}]: a sentence cannot contain a line break` }
    out.push(text)
  }
  return { ok: true, lines: out }
}

/** "/start" and the profile, one sentence per line (seed: "The very first message"). */
export const startText = (profile: readonly string[]): string => ['/start', ...profile].join('\n')

// ---------------------------------------------------------------- sendMessage parameters

/**
 * The text a bot sent, and a msg_evaluation carried inside it. The seed's curl example sends
 * `"text": "{\"text\":\"Hello!\"}"`: a JSON object with a string `text` inside the string,
 * and the original router read `msg_evaluation` from that same inner object. Such a value is
 * unwrapped (other inner fields are ignored); anything else is the text itself.
 */
export function unwrapMessage(text: string): { text: string; msgEvaluation?: unknown } {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return { text }
  try {
    const inner = JSON.parse(trimmed) as unknown
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      const o = inner as Record<string, unknown>
      if (typeof o.text === 'string') {
        return o.msg_evaluation === undefined || o.msg_evaluation === null
          ? { text: o.text }
          : { text: o.text, msgEvaluation: o.msg_evaluation }
      }
    }
  } catch {
    // Not JSON: a message that happens to start with "{".
  }
  return { text }
}

/** The text alone (see unwrapMessage). */
export const unwrapText = (text: string): string => unwrapMessage(text).text

export type MsgEvaluation = { kind: 'last'; score: 0 | 1 } | { kind: 'message'; score: 0 | 1; messageId: number }

/**
 * msg_evaluation: 0 or 1 (the counterpart's last message), or {"score": 0|1, "message_id": N}.
 * Booleans are not accepted; a form-encoded value is parsed as JSON first ("1", "{...}").
 */
export function parseMsgEvaluation(raw: unknown): { ok: true; value: MsgEvaluation } | { ok: false; error: string } {
  let v = raw
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown
    } catch {
      return { ok: false, error: 'msg_evaluation must be 0, 1 or {"score": 0|1, "message_id": N}' }
    }
  }
  const score = (x: unknown): x is 0 | 1 => x === 0 || x === 1
  if (score(v)) return { ok: true, value: { kind: 'last', score: v } }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    if (!score(o.score)) return { ok: false, error: 'msg_evaluation.score must be 0 or 1' }
    const id = typeof o.message_id === 'string' && /^\d+$/.test(o.message_id) ? Number(o.message_id) : o.message_id
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      return { ok: false, error: 'msg_evaluation.message_id must be a message id (a non-negative integer)' }
    }
    return { ok: true, value: { kind: 'message', score: o.score, messageId: id } }
  }
  return { ok: false, error: 'msg_evaluation must be 0, 1 or {"score": 0|1, "message_id": N}' }
}

/** chat_id as a number: JSON integers, or digit strings from query / form parameters. */
export function parseChatId(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : null
  if (typeof raw === 'string' && /^-?\d{1,15}$/.test(raw.trim())) return Number(raw.trim())
  return null
}

/** getUpdates `limit`: 1–100, default 100 (Telegram's). Out-of-range values are clamped. */
export function pollLimit(raw: unknown): number {
  const n = typeof raw === 'string' ? Number(raw) : raw
  if (typeof n !== 'number' || !Number.isFinite(n)) return 100
  return Math.min(100, Math.max(1, Math.trunc(n)))
}

/** getUpdates `timeout` in seconds: default 0 (answer at once), capped at `max`. */
export function pollTimeout(raw: unknown, max: number): number {
  const n = typeof raw === 'string' ? Number(raw) : raw
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return 0
  return Math.min(max, n)
}

/** Inactivity: no message for longer than the limit (clock in ms). */
export const isInactive = (lastActivityMs: number, nowMs: number, limits: Pick<WildLimits, 'inactivitySeconds'>): boolean =>
  nowMs - lastActivityMs >= limits.inactivitySeconds * 1000
