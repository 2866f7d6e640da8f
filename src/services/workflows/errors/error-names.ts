// Every predefined States.* error name, and whether Retry/Catch may handle it
// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation).

/** Predefined error names → true when a Retrier/Catcher can handle them. */
export const STATES_ERRORS: Readonly<Record<string, boolean>> = {
  'States.ALL': true,
  'States.BranchFailed': true,
  'States.DataLimitExceeded': true,
  'States.ExceedToleratedFailureThreshold': true,
  'States.HeartbeatTimeout': true,
  'States.Http.Socket': true,
  'States.IntrinsicFailure': true,
  'States.ItemReaderFailed': true,
  'States.NoChoiceMatched': true,
  'States.ParameterPathFailure': true,
  'States.Permissions': true,
  'States.QueryEvaluationError': true,
  'States.ResultPathMatchFailure': true,
  'States.ResultWriterFailed': true,
  // "States.Runtime ... will always cause the execution to fail. A retry or catch on States.TaskFailed
  // or States.ALL does not catch States.Runtime errors."
  'States.Runtime': false,
  'States.TaskFailed': true,
  'States.Timeout': true,
};

// An HTTP Task that gets a non-2xx answer fails with `States.Http.StatusCode.<code>`, e.g.
// States.Http.StatusCode.404, and Retry/Catch may name those codes one by one
// (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#http-task-error-handling).
// A status code is three digits, 100-599 (RFC 9110 section 15); there is no wildcard form.
const HTTP_STATUS_ERROR = /^States\.Http\.StatusCode\.[1-5][0-9]{2}$/;

/** True for a name ErrorEquals may use: any custom name, a predefined States.* name, or an HTTP status error. */
export function isKnownErrorName(name: string): boolean {
  return !name.startsWith('States.') || name in STATES_ERRORS || HTTP_STATUS_ERROR.test(name);
}
