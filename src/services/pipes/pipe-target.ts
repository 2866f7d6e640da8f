// Delivers a pipe's events to its target through the router. Functions and state machines receive the
// whole batch as one JSON array; queues, buses and API destinations (which have no batch API) receive one
// message / event / request per record. Parameters
// whose whole value is a JSON path (`$.body.orderId`) are read from each event (dynamic path parameters,
// docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-target.html#pipes-targets-dynamic-parms).
import { randomUUID } from 'node:crypto';
import { decodePipeEvent, lookupJsonPath } from '../../transform/index.js';
import type { ServiceContext } from '../core/service.js';
import { arnService, section, type PipeDefinition } from './pipe-definition.js';

/** A parameter value, or the value at its path in the event when it is a dynamic path. */
export function dynamicValue(value: unknown, event: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith('$.')) return value;
  const found = lookupJsonPath(value, decodePipeEvent(event));
  return found.found ? found.value : undefined;
}

/** True for an EventBridge API destination ARN (a target or an enrichment). */
export function isApiDestination(arn: string | undefined): boolean {
  return arnService(arn) === 'events' && /:api-destination\//.test(arn ?? '');
}

/**
 * A pipe's HttpParameters (TargetParameters or EnrichmentParameters) for one event: dynamic path
 * values (`$.body.id`) read from it. The connection's own parameters win over these (applied later).
 */
export function httpParametersFor(
  parameters: Record<string, unknown>,
  event: unknown,
): Record<string, unknown> {
  const http = section(parameters, 'HttpParameters');
  const map = (value: unknown) =>
    value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
            const found = dynamicValue(v, event);
            return found === undefined ? [] : [[k, stringValue(found)]];
          }),
        )
      : undefined;
  const path = Array.isArray(http.PathParameterValues)
    ? http.PathParameterValues.map((v) => stringValue(dynamicValue(v, event) ?? ''))
    : undefined;
  return {
    PathParameterValues: path,
    HeaderParameters: map(http.HeaderParameters),
    QueryStringParameters: map(http.QueryStringParameters),
  };
}

function stringValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** True for targets that take the whole batch at once. */
export function takesBatch(target: string): boolean {
  const service = arnService(target);
  return service === 'lambda' || service === 'states';
}

/** One event for the target: `event` as it reached the target step (dynamic paths read it), `input` after the InputTemplate. */
export interface TargetItem {
  event: unknown;
  input: unknown;
  /** The template's text, when there was a template (queue targets receive it verbatim). */
  text?: string;
}

/** Calls the target with the batch; resolves with the target's answer (functions: their response). */
export async function deliverToTarget(
  context: ServiceContext,
  pipe: PipeDefinition,
  items: TargetItem[],
  traceId: string,
): Promise<unknown> {
  const events = items.map((i) => i.input);
  const params = pipe.TargetParameters;
  const service = arnService(pipe.Target);
  if (service === 'lambda') {
    const type = section(params, 'LambdaFunctionParameters').InvocationType;
    return context.router.invoke(pipe.Target, events, {
      traceId,
      invocationType: type === 'FIRE_AND_FORGET' ? 'Event' : 'RequestResponse',
    });
  }
  if (service === 'states') {
    // Pipes start STANDARD workflows asynchronously; REQUEST_RESPONSE is for EXPRESS (synchronous) ones.
    const type = section(params, 'StepFunctionStateMachineParameters').InvocationType;
    return context.router.invoke(pipe.Target, events, {
      traceId,
      invocationType: type === 'REQUEST_RESPONSE' ? 'RequestResponse' : 'Event',
    });
  }
  for (const { event, input, text } of items) {
    if (service === 'sqs') {
      const sqs = section(params, 'SqsQueueParameters');
      const group = dynamicValue(sqs.MessageGroupId, event);
      const dedup = dynamicValue(sqs.MessageDeduplicationId, event);
      const body = text ?? (typeof input === 'string' ? input : JSON.stringify(input));
      await context.router.invoke(pipe.Target, body, {
        traceId,
        messageGroupId: group === undefined ? undefined : String(group),
        messageDeduplicationId: dedup === undefined ? undefined : String(dedup),
      });
    } else if (service === 'events' && pipe.Target.includes(':event-bus/')) {
      await context.router.invoke(pipe.Target, busEnvelope(context, pipe, event, input), { traceId });
    } else if (isApiDestination(pipe.Target)) {
      // The request body is the template's text when there is one, the event as JSON otherwise.
      const body = text ?? (typeof input === 'string' ? input : JSON.stringify(input));
      await context.router.invoke(pipe.Target, body, {
        traceId,
        parameters: httpParametersFor(params, event),
      });
    } else {
      await context.router.invoke(pipe.Target, input, { traceId, parameters: params });
    }
  }
  return undefined;
}

/**
 * The event a pipe puts on a bus: DetailType and Source from EventBridgeEventBusParameters (dynamic paths
 * allowed), otherwise AWS's defaults `Event from aws:sqs` and `Pipe <name>`; the record is the detail.
 */
export function busEnvelope(
  context: ServiceContext,
  pipe: PipeDefinition,
  event: unknown,
  input: unknown,
): Record<string, unknown> {
  const bus = section(pipe.TargetParameters, 'EventBridgeEventBusParameters');
  const detailType =
    dynamicValue(bus.DetailType, event) ?? `Event from aws:${arnService(pipe.Source) ?? 'sqs'}`;
  const source = dynamicValue(bus.Source, event) ?? `Pipe ${pipe.Name}`;
  const resources = Array.isArray(bus.Resources)
    ? bus.Resources.map((r) => String(dynamicValue(r, event)))
    : [];
  const time = dynamicValue(bus.Time, event);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': String(detailType),
    source: String(source),
    account: context.config.accountId,
    time:
      typeof time === 'string' ? time : new Date(context.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: context.config.region,
    resources: [pipe.Arn, ...resources],
    detail: asDetail(input),
  };
}

/** A transformed event that is JSON text goes on the bus as JSON; anything else as it is. */
function asDetail(event: unknown): unknown {
  if (typeof event !== 'string') return event;
  try {
    return JSON.parse(event) as unknown;
  } catch {
    return event;
  }
}
