// Errors the interpreter itself raises while evaluating a state (paths, intrinsics, JSONata).
import { StatesError } from './states-error.js';
import { jsonText } from '../runtime/json-text.js';

/** AWS's prefix of every evaluation failure cause: names the state and the event that entered it. */
export function stateCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}

/**
 * States.Runtime: the execution cannot continue (a missing path, a bad value). Never retried or caught,
 * even when named explicitly ("errors such as these are not retriable and will always cause the
 * execution to fail").
 */
export class RuntimeError extends StatesError {
  constructor(cause: string) {
    super('States.Runtime', cause);
  }
  override get handleable(): boolean {
    return false;
  }
}

/** States.DataLimitExceeded: a result or output above 256 KiB (recorded AWS runs show States.ALL catches it). */
export class DataLimitExceededError extends StatesError {
  constructor(cause: string) {
    super('States.DataLimitExceeded', cause);
  }
}

/** The largest payload a state may produce: 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Throws States.DataLimitExceeded naming `who` when `value` is too large. */
export function checkPayloadSize(value: unknown, who: string): void {
  const text = jsonText(value);
  if (text.length > MAX_PAYLOAD_BYTES / 4 && Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) {
    throw new DataLimitExceededError(
      `The state/task '${who}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
}

/** States.QueryEvaluationError: a JSONata expression failed or returned a value of the wrong kind. */
export class QueryEvaluationError extends StatesError {
  constructor(cause: string) {
    super('States.QueryEvaluationError', cause);
  }
}

/** States.IntrinsicFailure: an intrinsic function was given arguments it cannot use. */
export class IntrinsicFailureError extends StatesError {
  constructor(cause: string) {
    super('States.IntrinsicFailure', cause);
  }
}

/** States.ParameterPathFailure: a `.$` path in Parameters/ItemSelector/ResultSelector matched nothing. */
export class ParameterPathFailureError extends StatesError {
  constructor(cause: string) {
    super('States.ParameterPathFailure', cause);
  }
}

/** States.ResultPathMatchFailure: the ResultPath cannot be applied to the state's input. */
export class ResultPathMatchFailureError extends StatesError {
  constructor(cause: string) {
    super('States.ResultPathMatchFailure', cause);
  }
}

/** States.NoChoiceMatched: a Choice state without Default matched no rule. */
export class NoChoiceMatchedError extends StatesError {
  constructor(cause: string) {
    super('States.NoChoiceMatched', cause);
  }
}
