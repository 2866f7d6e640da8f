// The optimized service integrations eddy emulates besides Lambda, each as AWS's response shape:
// EventBridge PutEvents, SQS SendMessage and HTTPS endpoints
// (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html).
import { randomUUID } from 'node:crypto';
import type { TargetRouter } from '../../core/service.js';
import { StatesError } from '../index.js';
import type { Scope } from './arns.js';
import { loadUndici } from '../../../shared/undici.js';

/** The event envelope a bus receives (what PutEvents would build). */
export function busEnvelope(
  scope: Scope,
  entry: { source: string; detailType: string; detail: unknown; resources?: unknown[] },
  time: number,
): string {
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: scope.accountId,
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: scope.region,
    resources: entry.resources ?? [],
    detail: entry.detail,
  });
}

/** The bus ARN an EventBusName (a name or an ARN) names. */
function busArn(scope: Scope, name: unknown): string {
  const value = typeof name === 'string' && name ? name : 'default';
  return value.startsWith('arn:')
    ? value
    : `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${value}`;
}

/** `events:putEvents`: each entry goes to its bus; the result is PutEvents' response. */
export async function putEvents(
  router: TargetRouter,
  scope: Scope,
  input: unknown,
  now: number,
  traceId: string,
): Promise<unknown> {
  const entries = ((input as { Entries?: unknown[] } | undefined)?.Entries ?? []) as Record<
    string,
    unknown
  >[];
  const out: { EventId: string }[] = [];
  for (const entry of entries) {
    const detail =
      typeof entry.Detail === 'string' ? (JSON.parse(entry.Detail) as unknown) : (entry.Detail ?? {});
    const text = busEnvelope(
      scope,
      {
        source: String(entry.Source ?? ''),
        detailType: String(entry.DetailType ?? ''),
        detail,
        resources: entry.Resources as unknown[] | undefined,
      },
      now,
    );
    await router.invoke(busArn(scope, entry.EventBusName), text, { traceId });
    out.push({ EventId: (JSON.parse(text) as { id: string }).id });
  }
  return { Entries: out, FailedEntryCount: 0 };
}

/** The queue ARN a QueueUrl (`http://host/<account>/<name>`) names. */
function queueArn(scope: Scope, url: unknown): string {
  const text = String(url ?? '');
  if (text.startsWith('arn:')) return text;
  const parts = text.replace(/\/+$/, '').split('/');
  const name = parts.pop() ?? '';
  const account = parts.pop() || scope.accountId;
  return `arn:aws:sqs:${scope.region}:${/^\d{12}$/.test(account) ? account : scope.accountId}:${name}`;
}

/** `sqs:sendMessage`: SendMessage's response (MessageId, MD5OfMessageBody, ...). */
export async function sendMessage(
  router: TargetRouter,
  scope: Scope,
  input: unknown,
  traceId: string,
): Promise<unknown> {
  const p = (input ?? {}) as Record<string, unknown>;
  const body = typeof p.MessageBody === 'string' ? p.MessageBody : JSON.stringify(p.MessageBody ?? null);
  return router.invoke(queueArn(scope, p.QueueUrl), body, {
    traceId,
    messageGroupId: p.MessageGroupId as string | undefined,
    messageDeduplicationId: p.MessageDeduplicationId as string | undefined,
    parameters: p.MessageAttributes ? { MessageAttributes: p.MessageAttributes } : undefined,
  });
}

/**
 * `http:invoke`: calls ApiEndpoint with Method, Headers, QueryParameters and RequestBody; a non-2xx
 * answer fails the task with `States.Http.StatusCode.<code>`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html).
 */
export async function httpInvoke(input: unknown, signal: AbortSignal): Promise<unknown> {
  const p = (input ?? {}) as Record<string, unknown>;
  const url = new URL(String(p.ApiEndpoint ?? ''));
  for (const [k, v] of Object.entries((p.QueryParameters ?? {}) as Record<string, unknown>))
    url.searchParams.append(k, String(v));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((p.Headers ?? {}) as Record<string, unknown>))
    headers[k.toLowerCase()] = String(v);
  let body: string | undefined;
  if (p.RequestBody !== undefined) {
    body = typeof p.RequestBody === 'string' ? p.RequestBody : JSON.stringify(p.RequestBody);
    headers['content-type'] ??= 'application/json';
  }
  const method = String(p.Method ?? 'GET').toUpperCase() as 'GET';
  // undici is loaded on first use: it costs ~100 ms of start-up and most apps have no HTTP targets.
  const { request } = await loadUndici();
  const response = await request(url, { method, headers, body, signal });
  const text = await response.body.text();
  let parsed: unknown = text;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : text;
  } catch {
    // A body that is not JSON stays text.
  }
  const result = {
    Headers: Object.fromEntries(
      Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
    ),
    ResponseBody: parsed,
    StatusCode: response.statusCode,
    StatusText: String(response.statusCode),
  };
  if (response.statusCode >= 300) {
    throw new StatesError(`States.Http.StatusCode.${response.statusCode}`, JSON.stringify(result));
  }
  return result;
}
