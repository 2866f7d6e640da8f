// The AWS calls `eddy/testing` offers as one-liners, made over HTTP to the running eddy exactly as an
// SDK would (so tests exercise the same wire path as the application), signed with SigV4 (so they pass
// `--auth` too).
import { signedHeaders, signingNameOf, type SigningKey } from '../shared/sign-request.js';

/** A PutEvents entry; Detail may be an object (it is serialised for you). */
export interface TestEventEntry {
  Source: string;
  DetailType: string;
  Detail?: string | Record<string, unknown>;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date | string | number;
}

async function awsJson(
  endpoint: string,
  target: string,
  version: '1.0' | '1.1',
  input: unknown,
  key?: SigningKey,
) {
  const body = JSON.stringify(input);
  const headers = await signedHeaders(
    {
      url: `${endpoint}/`,
      method: 'POST',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body,
      service: signingNameOf(target),
    },
    key,
  );
  const response = await fetch(`${endpoint}/`, { method: 'POST', headers, body });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${target} failed: ${String(answer.__type)}: ${String(answer.message)}`);
  return answer;
}

/** PutEvents; resolves with the response (FailedEntryCount, Entries). */
export function putEvents(endpoint: string, entries: TestEventEntry[], key?: SigningKey) {
  const Entries = entries.map((e) => ({
    ...e,
    Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail ?? {}),
    ...(e.Time === undefined ? {} : { Time: new Date(e.Time).getTime() / 1000 }),
  }));
  return awsJson(endpoint, 'AWSEvents.PutEvents', '1.1', { Entries }, key) as Promise<{
    FailedEntryCount: number;
    Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
  }>;
}

/** StartExecution by state machine ARN; resolves with executionArn and startDate. */
export function startExecution(
  endpoint: string,
  stateMachineArn: string,
  input: unknown = {},
  name?: string,
  key?: SigningKey,
) {
  const request = { stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) };
  return awsJson(endpoint, 'AWSStepFunctions.StartExecution', '1.0', request, key) as Promise<{
    executionArn: string;
    startDate: number;
  }>;
}

/** Invokes a function synchronously; resolves with its parsed result and whether it failed. */
export async function invoke(endpoint: string, name: string, payload: unknown = {}, key?: SigningKey) {
  const url = `${endpoint}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
  const body = JSON.stringify(payload);
  const headers = await signedHeaders({ url, method: 'POST', headers: {}, body, service: 'lambda' }, key);
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`Invoke ${name} failed: ${text}`);
  return {
    result: text ? (JSON.parse(text) as unknown) : null,
    functionError: response.headers.get('x-amz-function-error') ?? undefined,
  };
}
