// Pattern errors carry AWS's reason text verbatim (aws/event-ruler's messages, as EventBridge returns
// them), so the API layer can wrap them as `InvalidEventPatternException` unchanged.

/** The longest event pattern EventBridge accepts, in characters (PutRule's EventPattern constraint). */
export const MAX_PATTERN_LENGTH = 4096;

/** The most `$or` combinations (match branches) one pattern may expand to. */
export const MAX_OR_COMBINATIONS = 1000;

/** An invalid event pattern; `message` is AWS's reason, e.g. `"int" must be an object or an array`. */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** The full message of AWS's `InvalidEventPatternException` for a reason. */
export function invalidPatternMessage(reason: string): string {
  return `Event pattern is not valid. Reason: ${reason}`;
}

/** The name of the AWS error an invalid pattern surfaces as. */
export const INVALID_PATTERN_CODE = 'InvalidEventPatternException';
