// Calling one rule target: by the service part of its ARN, through the router for the other local
// services (function, queue, state machine), locally for another bus, over HTTP (undici) for an
// http(s) endpoint, and as a trace record for a CloudWatch log group.
import { AwsError } from '../../shared/aws-error.js';
import type { TargetRouter } from '../core/service.js';
import type { TraceHub } from '../../trace/hub.js';
import { resolveDynamic, type HttpParameters } from './api-destination-call.js';
import { loadUndici } from '../../shared/undici.js';

/** The copy of a target's configuration a delivery carries. */
export interface DeliveryTarget {
  id: string;
  arn: string;
  ruleName: string;
  ruleArn: string;
  busName: string;
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  deadLetterArn?: string;
  messageGroupId?: string;
  httpParameters?: Record<string, unknown>;
  /** The replay that re-sent the event, for its progress counters. */
  replay?: string;
}

/** What a target call needs besides the router. */
export interface TargetDeps {
  router: TargetRouter;
  trace: TraceHub;
  /** Puts the event on another local bus. */
  forwardToBus(busArn: string, envelope: string, traceId: string): void;
  /** Calls an API destination (HttpParameters already resolved against the event). */
  callApiDestination?(arn: string, payload: string, http: HttpParameters): Promise<unknown>;
}

/** The service part of an ARN (`lambda`, `sqs`, ...), or undefined for something else. */
export function arnService(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[2] : undefined;
}

/** How each target ARN is called, kept per ARN: a rule's few targets are called for every event. */
const kinds = new Map<string, string>();
/** Beyond this many ARNs the cache starts over (targets come and go through the API). */
const KINDS_MAX = 1_000;

/** `http` for an http(s) endpoint, else the ARN's service (`''` when it is none). */
function kindOf(arn: string): string {
  let kind = kinds.get(arn);
  if (kind === undefined) {
    kind = /^https?:\/\//.test(arn) ? 'http' : (arnService(arn) ?? '');
    if (kinds.size >= KINDS_MAX) kinds.clear();
    kinds.set(arn, kind);
  }
  return kind;
}

/** Delivers `payload` (the target's input, JSON text) to the target; rejects when it fails. */
export async function callTarget(
  deps: TargetDeps,
  target: DeliveryTarget,
  payload: string,
  /** The event itself (another bus gets the event, not the target's input); read only when needed. */
  envelope: () => string,
  traceId: string,
): Promise<void> {
  const arn = target.arn;
  const kind = kindOf(arn);
  if (kind === 'http') return postHttp(arn, payload, target.httpParameters);
  switch (kind) {
    case 'sqs':
      // A queue receives the input text as the message body.
      await deps.router.invoke(arn, payload, { traceId, messageGroupId: target.messageGroupId });
      return;
    case 'events':
      if (arn.includes(':event-bus/')) return deps.forwardToBus(arn, envelope(), traceId);
      if (arn.includes(':api-destination/') && deps.callApiDestination) {
        const event = parseJson(envelope());
        await deps.callApiDestination(arn, payload, resolveDynamic(target.httpParameters, event));
        return;
      }
      throw new AwsError('ResourceNotFoundException', `No local resource serves ${arn}`, 404);
    case 'logs':
      deps.trace.publish({
        kind: 'log',
        traceId,
        resource: arn,
        payload: { logGroup: arn, message: payload },
      });
      return;
    default:
      // Functions and state machines take the input as a JSON value (Lambda's event, the execution input).
      // A state machine target is a StartExecution: the delivery succeeds once the execution starts, even
      // an EXPRESS one, whose outcome EventBridge never sees.
      await deps.router.invoke(arn, parseJson(payload), {
        traceId,
        invocationType: kind === 'states' ? 'Event' : 'RequestResponse',
      });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function postHttp(url: string, body: string, parameters?: Record<string, unknown>): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const extra = parameters?.headerParameters ?? parameters?.HeaderParameters;
  if (extra && typeof extra === 'object') Object.assign(headers, extra);
  // undici is loaded on first use: it costs ~100 ms of start-up and most apps have no HTTP targets.
  const { request } = await loadUndici();
  const response = await request(url, { method: 'POST', body, headers });
  await response.body.dump();
  // AWS retries 429 and 5xx only; other 4xx fail without retry (eb-api-destinations.html).
  if (response.statusCode >= 400) {
    const retryable = response.statusCode === 429 || response.statusCode >= 500;
    throw new AwsError(
      retryable ? 'HTTP_ERROR' : 'NOT_RETRYABLE',
      `HTTP ${response.statusCode} from ${url}`,
      response.statusCode,
    );
  }
}

/** Whether a failure means the target does not exist (AWS sends those to the DLQ without retries). */
export function isMissingTarget(error: unknown): boolean {
  const code = (error as { code?: unknown }).code ?? (error as { name?: unknown }).name;
  return (
    typeof code === 'string' &&
    /ResourceNotFound|NonExistentQueue|QueueDoesNotExist|StateMachineDoesNotExist|FunctionNotFound/.test(code)
  );
}

/** Whether a failure should not be retried at all. */
export function isPermanent(error: unknown): boolean {
  return isMissingTarget(error) || (error as { code?: unknown }).code === 'NOT_RETRYABLE';
}
