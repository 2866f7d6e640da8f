// The base of every error an execution can fail with. Each States.* name has its own class that knows
// whether Retry and Catch may handle it (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).

/** An error with a Step Functions error name (`Error`) and an optional `Cause`. */
export class StatesError extends Error {
  /** The `Error` name that Retry/Catch `ErrorEquals` match against. */
  readonly error: string;
  /** The `Cause` text, when there is one. */
  readonly causeText: string | undefined;

  constructor(error: string, cause?: string) {
    super(cause ?? error);
    this.name = 'StatesError';
    this.error = error;
    this.causeText = cause;
  }

  /** False for errors that end the execution whatever the Retry/Catch fields say. */
  get handleable(): boolean {
    return true;
  }

  /** True when an `ErrorEquals` list item names this error (wildcards included). */
  matches(name: string): boolean {
    if (!this.handleable) return false;
    if (name === this.error) return true;
    // States.ALL matches every handleable error; States.TaskFailed every error but States.Timeout
    // (AWS: "TaskFailed acts as a wildcard that matches any known error code except for States.Timeout").
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed') return this.error !== 'States.Timeout';
    return false;
  }
}

/** Wraps anything thrown into a StatesError (a plain Error becomes States.Runtime). */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError('States.Runtime', message);
}
