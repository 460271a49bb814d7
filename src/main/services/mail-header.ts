// E-mail addresses and header values the organizer's .eml notices may carry.

/** A plain address (local@domain.tld): no display name, no spaces, no line breaks or other control characters. */
const ADDRESS = /^[^\s@<>()[\]",;:\\\p{Cc}]+@[^\s@<>()[\]",;:\\\p{Cc}]+\.[^\s@<>()[\]",;:\\\p{Cc}.]+$/u

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value)
}

/**
 * A header value that stays one header: line breaks and other control characters become spaces, so a
 * value stored before addresses were checked can never add a header (Bcc:) or start the body.
 */
export function headerValue(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ').trim()
}
