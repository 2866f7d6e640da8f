/// <reference lib="dom" />
// Calls to the running eddy: its own `/_eddy/` JSON endpoints and the AWS JSON APIs it serves.
import type { App, TraceRecord } from './types.js';

/** An AWS-shaped error answer. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GETs one of eddy's JSON endpoints. */
export async function eddyJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!res.ok) throw new ApiError(body.__type ?? 'Error', body.message ?? res.statusText, res.status);
  return body;
}

/** The running App model. */
export async function fetchApp(): Promise<App> {
  return (await eddyJson<{ app: App }>('/_eddy/app')).app;
}

/** A page of event records, newest first, and the last sequence number in the log. */
export interface EventPage {
  records: TraceRecord[];
  lastSeq: number;
}

/** Events before `before` (newest first), only those matching an event pattern when given. */
export function fetchEvents(limit: number, before?: number, pattern?: string): Promise<EventPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) q.set('before', String(before));
  if (pattern) q.set('pattern', pattern);
  return eddyJson<EventPage>(`/_eddy/events?${q}`);
}

/** Every record of a trace, from the record `fromSeq` on. */
export async function fetchTrace(traceId: string, fromSeq = 0): Promise<TraceRecord[]> {
  const q = new URLSearchParams({ traceId, from: String(fromSeq) });
  return (await eddyJson<{ records: TraceRecord[] }>(`/_eddy/trace?${q}`)).records;
}

const PROTOCOLS: Record<string, string> = {
  AWSEvents: '1.1',
  AmazonSQS: '1.0',
  AWSStepFunctions: '1.0',
};

/** Calls an AWS JSON API operation (`AWSEvents.PutEvents`, `AmazonSQS.GetQueueAttributes`, ...). */
export async function awsCall<T = Record<string, unknown>>(target: string, input: unknown): Promise<T> {
  const prefix = target.slice(0, target.indexOf('.'));
  const res = await fetch('/', {
    method: 'POST',
    headers: {
      'x-amz-target': target,
      'content-type': `application/x-amz-json-${PROTOCOLS[prefix] ?? '1.1'}`,
    },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  const body = (text ? JSON.parse(text) : {}) as T & { __type?: string; message?: string; Message?: string };
  if (!res.ok) {
    const type = String(body.__type ?? 'Error')
      .split('#')
      .pop()!;
    throw new ApiError(type, body.message ?? body.Message ?? res.statusText, res.status);
  }
  return body;
}

/** Invokes a function through the Lambda REST API; returns the payload text and the function error. */
export async function invokeFunction(
  name: string,
  payload: string,
): Promise<{ status: number; body: string; error?: string }> {
  const res = await fetch(`/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  return {
    status: res.status,
    body: await res.text(),
    error: res.headers.get('x-amz-function-error') ?? undefined,
  };
}
