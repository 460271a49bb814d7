/** The words of a thrown value, whatever was thrown (an Error's message, or the value as text). */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))
