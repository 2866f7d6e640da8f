// Trace records: what happened in the local cloud, correlated by trace id (the id of the event, message
// or request that started the chain), for `eddy tail`, the console and tests.
import { randomUUID } from 'node:crypto';

/**
 * The kinds of trace record. `event` (an event accepted on a bus), `match` (a rule matched), `delivery`
 * (a target called), `invocation` and `log` (a handler ran and printed), `execution` and `state`
 * (workflows), `map-run` (a Distributed Map run's progress: item and execution counts, throttled), `message`
 * (queues), `reload` (the template was applied), `warning` and `error`.
 */
export type TraceKind =
  | 'event'
  | 'match'
  | 'delivery'
  | 'invocation'
  | 'log'
  | 'execution'
  | 'state'
  | 'map-run'
  | 'message'
  | 'pipe'
  | 'replay'
  | 'reload'
  | 'warning'
  | 'error';

/** One trace record. */
export interface TraceRecord {
  /** Position in the trace log, increasing. */
  seq: number;
  /** ISO-8601 time it happened. */
  time: string;
  kind: TraceKind;
  /** Shared by every record caused by the same originating event or request. */
  traceId: string;
  /** The resource it concerns (an ARN or a logical id). */
  resource?: string;
  payload: Record<string, unknown>;
}

/** A record before it is published: the hub fills in seq and (when missing) time. */
export type TraceInput = Omit<TraceRecord, 'seq' | 'time'> & { time?: string };

/** A fresh trace id for a chain that starts here. */
export function newTraceId(): string {
  return randomUUID();
}
