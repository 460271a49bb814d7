// Small helpers of the ConvAI2 screens: values in the public table's units, the human
// evaluation's numbers, the wild server's close reasons, API errors in plain words.
import { ApiError } from '../../../../shared/api'
import {
  CONVAI2_WILD_LIMITS,
  formatConvai2,
  type Convai2Metric,
  type WildBot,
  type WildCloseReason,
  type WildLimitSettings,
  type WildStat
} from '../../../../shared/convai2'
import type { MetricCell } from '../../../../shared/views'
import { errorText } from '../../../../shared/error-text'

/** `16.82 ± 0.41` in the leaderboard's units (percent for Hits@1 and F1); `-` when absent. */
export function convai2Cell(metric: Convai2Metric, cell: MetricCell | null | undefined): { value: string; se: string | null } {
  if (!cell) return { value: '-', se: null }
  return {
    value: formatConvai2(metric, cell.value),
    se: cell.stderr === null || cell.stderr === undefined ? null : formatConvai2(metric, cell.stderr)
  }
}

export type WildStatKind = 'quality' | 'roleplay'

/**
 * A human-evaluation mean and its standard error, shown as `value ± se`: overall quality (1–5)
 * `3.50 ± 0.29`; role-play accuracy (a share) in percent `75% ± 22`. With one rating the
 * standard error is undefined: `se` is null and screens say "no SE".
 */
export function wildStatText(kind: WildStatKind, s: WildStat): { value: string; se: string | null } {
  const se = s.stderr
  return kind === 'quality'
    ? { value: s.mean.toFixed(2), se: se === null ? null : se.toFixed(2) }
    : { value: `${Math.round(s.mean * 100)}%`, se: se === null ? null : `${Math.round(se * 100)}` }
}

export const NO_SE_TITLE = 'One rating: a standard error needs at least two'

/** Why the server closed a dialog, as a sentence part: "… because it …". */
export function closeReasonText(
  reason: WildCloseReason | null,
  limits: Pick<WildLimitSettings, 'inactivitySeconds' | 'maxUtterances'> = CONVAI2_WILD_LIMITS
): string {
  switch (reason) {
    case 'inactivity':
      return `nobody wrote for ${durationText(limits.inactivitySeconds)} (the inactivity limit)`
    case 'utterance-limit':
      return `it reached the limit of ${limits.maxUtterances} messages`
    case 'invalid-limit':
      return 'the bot was blocked (too many invalid messages) and cannot answer any more'
    case 'ended':
      return 'the evaluator ended it'
    default:
      return 'the server closed it'
  }
}

/** 600 → "10 minutes", 90 → "90 seconds". */
const durationText = (seconds: number): string =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} second${seconds === 1 ? '' : 's'}`

/**
 * The bot's anonymous name for evaluators: "Bot A", "Bot B", … in registration order (bot id),
 * so an organizer can say "evaluate Bot B" without naming the team.
 */
export function anonymousBotNames(bots: readonly WildBot[]): Map<number, string> {
  const sorted = [...bots].sort((a, b) => a.id - b.id)
  return new Map(sorted.map((b, i) => [b.id, `Bot ${letters(i)}`]))
}

function letters(i: number): string {
  const A = 'A'.charCodeAt(0)
  return i < 26 ? String.fromCharCode(A + i) : letters(Math.floor(i / 26) - 1) + String.fromCharCode(A + (i % 26))
}

/** A token as organizers see it before asking to reveal it. */
export const maskToken = (token: string): string => `${token.slice(0, 3)}${'•'.repeat(10)}`

/** An API (or network) error as a sentence for the person who pressed the button. */
export function plainError(error: unknown): string {
  const raw = errorText(error)
  if (error instanceof TypeError && /fetch|network/i.test(raw)) return 'Podium cannot be reached: is the console still running?'
  let text = raw.replace(/^request\.\w+:\s*/, '').trim()
  text = text.charAt(0).toUpperCase() + text.slice(1)
  if (!/[.!?)]$/.test(text)) text += '.'
  if (error instanceof ApiError && error.code === 'CONFLICT' && /not running/i.test(raw)) {
    text = 'The wild-evaluation server is not running: an organizer has to start it first (“Start the server” above).'
  }
  return text
}
