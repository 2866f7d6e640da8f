// Errors with codes: every error a user can cause says what happened and how to fix it, and is printed
// without a stack trace; anything else is an internal error and keeps its stack.

/** Options of an EddyError beyond its code and message. */
export interface EddyErrorOptions {
  /** How the user can fix it, printed after the message. */
  fix?: string;
  /** Where in a file the problem is, as `file:line:col`. */
  location?: string;
  /** The error that caused this one. */
  cause?: unknown;
}

/** An error the user caused (bad input, bad template, port in use): printed without a stack trace. */
export class EddyError extends Error {
  readonly code: string;
  readonly fix?: string;
  readonly location?: string;

  constructor(code: string, message: string, options: EddyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EddyError';
    this.code = code;
    this.fix = options.fix;
    this.location = options.location;
  }
}

/** True when the error is one the user caused and can fix. */
export function isUserError(error: unknown): error is EddyError {
  return error instanceof EddyError;
}
