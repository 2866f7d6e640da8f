// Lambda specifics: the `lambda:invoke` response envelope and how function errors surface
// (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html).
import { randomUUID } from 'node:crypto';
import { StatesError } from '../errors/states-error.js';
import { TaskFailedError } from '../errors/task-errors.js';
import { FunctionError, FunctionOutput } from './invoker.js';

/** The result of `arn:aws:states:::lambda:invoke`: the function's payload wrapped as the SDK returns it. */
export function invokeEnvelope(output: unknown, now: Date, logType?: unknown): Record<string, unknown> {
  const requestId = randomUUID();
  const body = output instanceof FunctionOutput ? output.text : JSON.stringify(output ?? null);
  const payload = output instanceof FunctionOutput ? output.value : output;
  const date = now.toUTCString();
  const trace = `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Sampled=0`;
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(body)),
    'Content-Type': 'application/json',
    Date: date,
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': trace,
  };
  let logResult: string | undefined;
  if (logType === 'Tail') {
    const tail =
      output instanceof FunctionOutput && output.logTail !== undefined
        ? output.logTail
        : `START RequestId: ${requestId} Version: $LATEST\nEND RequestId: ${requestId}\n`;
    logResult = Buffer.from(tail).toString('base64');
    headers['X-Amz-Log-Result'] = logResult;
  }
  const all = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    ExecutedVersion: '$LATEST',
    ...(logResult !== undefined ? { LogResult: logResult } : {}),
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * The StatesError a failed invocation becomes. A handler's `errorType` is the error name (Lambda.Unknown
 * when it has none); the cause is the function's error payload, verbatim for a direct function ARN and
 * re-serialised compactly by the `lambda:invoke` integration, as recorded on AWS.
 */
export function lambdaError(thrown: unknown, integration: boolean): StatesError {
  if (thrown instanceof FunctionError) {
    let cause = thrown.payload;
    let errorType = thrown.errorType;
    try {
      const parsed = JSON.parse(thrown.payload) as { errorType?: string };
      errorType ??= parsed.errorType;
      if (integration) cause = JSON.stringify(parsed);
    } catch {
      // Not JSON: keep the text as the cause.
    }
    return new TaskFailedError(errorType ?? 'Lambda.Unknown', cause);
  }
  if (thrown instanceof StatesError) return thrown;
  return new TaskFailedError('Lambda.Unknown', thrown instanceof Error ? thrown.message : String(thrown));
}
