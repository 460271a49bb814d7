// The wild evaluation's rules, pure (seed: convai2-wild-evaluation.md; API notes in
// docs/convai2-formats.md): limits, the profile-copy check, the /start message and the
// parsing of what a bot sends.

import { CONVAI2_WILD_LIMITS } from '../../shared/convai2'

export interface WildLimits {
  /** A dialog without any message for this long is closed ('inactivity'). Seed: 600 s. */
  inactivitySeconds: number
  /** Messages per dialog, both sides, /start included; reaching it closes the dialog. Seed: 1000. */
  maxUtterances: number
  /** Refused sendMessage calls per bot before it is blocked (HTTP 403). Seed: 10. */
  maxInvalidMessages: number
  /** getUpdates `timeout` is capped at this many seconds. */
  maxPollSeconds: number
  /** Longest message text accepted, in UTF-16 units (Telegram: 4096). */
  maxTextLength: number
  /** n of the profile n-gram check. Seed: 5. */
  profileNgram: number
}

export const DEFAULT_WILD_LIMITS: WildLimits = {
  ...CONVAI2_WILD_LIMITS,
  maxPollSeconds: 50,
  maxTextLength: 4096,
  profileNgram: 5
}

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
