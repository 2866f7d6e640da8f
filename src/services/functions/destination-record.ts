// The invocation record Lambda sends to an OnSuccess / OnFailure destination of an asynchronous
// invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).

/** Why the record was sent. */
export type DestinationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** Lambda's invocation record. */
export interface InvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: DestinationCondition;
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

/** What the record is made from. */
export interface RecordInput {
  requestId: string;
  functionArn: string;
  condition: DestinationCondition;
  invokeCount: number;
  requestPayload: string;
  /** The last attempt's result (absent when the event expired before any attempt). */
  response?: { payload: string; failed: boolean };
  now: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Builds the record; the function ARN is qualified with `$LATEST` as Lambda does. */
export function invocationRecord(input: RecordInput): InvocationRecord {
  const record: InvocationRecord = {
    version: '1.0',
    timestamp: new Date(input.now).toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: `${input.functionArn}:$LATEST`,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    requestPayload: parse(input.requestPayload || '{}'),
  };
  if (input.response) {
    record.responseContext = { statusCode: 200, executedVersion: '$LATEST' };
    if (input.response.failed) record.responseContext.functionError = 'Unhandled';
    record.responsePayload = parse(input.response.payload);
  }
  return record;
}
