// Executions' history events as trace records (kind `execution` for the start and end, `state` for the
// rest, under the trace id of whatever started the execution). They are published packed: one run of an
// execution's events per turn of the event loop, stored by the trace log as the packed events (the form
// of the stored history pages) and expanded into records by `expandHistory`, for live subscribers and on
// replay alike.
import { isoTime } from '../../../shared/iso-time.js';
import type { ExecutionRow } from '../../../store/executions.js';
import {
  packEvents,
  unpackEvents,
  type PackedEvents,
  type StoredEvent,
} from '../../../store/history-codec.js';
import type { TraceHub } from '../../../trace/hub.js';
import type { TraceRecord } from '../../../trace/record.js';
import type { HistoryEvent } from '../index.js';
import { detailsKey } from '../runtime/history.js';

/** The codec name of packed history events. */
export const HISTORY_CODEC = 'sfn-history';

/** At most this many events per packed run (a trace-log row), so a huge burst never makes a huge row. */
const RUN_MAX = 4096;

/** What a packed run holds: the execution's identity once, then its events packed (history-codec.ts). */
interface HistoryRun {
  /** Trace id, execution ARN, state machine ARN, execution name. */
  t: string;
  a: string;
  m: string;
  n: string;
  h: PackedEvents;
}

// How an event type moves the Map/Parallel nesting depth, worked out once per type (a run adds
// thousands of events of a dozen types): +1 opens, -1 closes, 0 neither, 'end' ends the execution.
const depthMoves = new Map<string, 1 | -1 | 0 | 'end'>();

function depthMove(type: string): 1 | -1 | 0 | 'end' {
  let move = depthMoves.get(type);
  if (move === undefined) {
    if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) move = -1;
    else if (/^(Map|Parallel)StateStarted$/.test(type)) move = 1;
    else if (/^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(type)) move = 'end';
    else move = 0;
    depthMoves.set(type, move);
  }
  return move;
}

const failures = new Map<string, boolean>();

function isFailure(type: string): boolean {
  let failed = failures.get(type);
  if (failed === undefined) failures.set(type, (failed = /(Failed|TimedOut)$/.test(type)));
  return failed;
}

/**
 * Publishes history events as trace records, once per turn of the event loop: the records of the burst
 * of transitions that produced them are published (and stored) as one packed run per execution, not
 * one by one in the middle of the interpreter's loop.
 */
export class TraceBatcher {
  /** Runs of consecutive events per execution, in the order they were added. */
  private pending: { row: ExecutionRow; events: HistoryEvent[] }[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly trace: TraceHub) {
    trace.defineCodec(HISTORY_CODEC, expandHistory, ['execution', 'state']);
  }

  /** Map/Parallel nesting depth per execution. */
  private readonly depth = new Map<string, number>();

  /**
   * Queues one event; it is published before the next I/O turn. Inside Map iterations and Parallel
   * branches only failures are published: `eddy tail` shows the path, not 10,000 iterations.
   */
  add(row: ExecutionRow, event: HistoryEvent): void {
    if (this.closed) return;
    const move = depthMove(event.type);
    if (move === 'end') this.depth.delete(row.arn);
    else if (move !== 0) this.depth.set(row.arn, (this.depth.get(row.arn) ?? 0) + move);
    else if (this.depth.size > 0 && (this.depth.get(row.arn) ?? 0) > 0 && !isFailure(event.type)) return;
    const last = this.pending[this.pending.length - 1];
    if (last !== undefined && last.row === row && last.events.length < RUN_MAX) last.events.push(event);
    else this.pending.push({ row, events: [event] });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Publishes what is queued and ignores later events (the store closes after the services). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Publishes everything queued. */
  flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const runs = this.pending;
    if (runs.length === 0) return;
    this.pending = [];
    for (const { row, events } of runs) {
      const run: HistoryRun = {
        t: row.traceId,
        a: row.arn,
        m: row.stateMachineArn,
        n: row.name,
        h: packEvents(events),
      };
      this.trace.publishPacked(
        {
          codec: HISTORY_CODEC,
          count: events.length,
          time: latest(events),
          traceId: row.traceId,
          resource: row.arn,
          data: run,
        },
        // Subscribers get records of the events themselves (equal to the packed ones, unpacked).
        (firstSeq) => recordsOf(run, events, firstSeq),
      );
    }
  }
}

/** The latest timestamp of `events` (the row's time: a `since` query must find every record in it). */
function latest(events: readonly HistoryEvent[]): number {
  let time = 0;
  for (const event of events) if (event.timestamp > time) time = event.timestamp;
  return time;
}

/** The records of a packed run of history events, numbered from `firstSeq`. */
export function expandHistory(data: unknown, firstSeq: number): TraceRecord[] {
  const run = data as HistoryRun;
  return recordsOf(run, unpackEvents(run.h), firstSeq);
}

/** The records of `events`, of the run `run`, numbered from `firstSeq`. */
function recordsOf(run: HistoryRun, events: readonly StoredEvent[], firstSeq: number): TraceRecord[] {
  const prefix = `${run.m.split(':')[6] ?? ''}/${run.n}`;
  const records: TraceRecord[] = new Array<TraceRecord>(events.length);
  for (let i = 0; i < events.length; i++) records[i] = recordOf(run, prefix, events[i], firstSeq + i);
  return records;
}

/** One history event's trace record. */
function recordOf(run: HistoryRun, prefix: string, event: StoredEvent, seq: number): TraceRecord {
  const type = event.type;
  const execution = type.startsWith('Execution');
  // History.add files details under detailsKey(type): no need to scan the event's keys.
  const key = detailsKey(type);
  const details = key === undefined ? undefined : (event[key] as Record<string, unknown> | undefined);
  const payload: Record<string, unknown> = {
    summary: summaryOf(prefix, type, details),
    type,
    id: event.id,
    stateMachineArn: run.m,
    executionName: run.n,
  };
  if (execution) payload.status = statusOf(type);
  if (details !== undefined) {
    if (details.name !== undefined) payload.state = details.name;
    payload.details = details;
  }
  // The property order of TraceHub.publish's records.
  const kind = execution ? 'execution' : 'state';
  return { kind, traceId: run.t, payload, seq, time: isoTime(event.timestamp), resource: run.a };
}

/** The line `eddy tail` prints: `checkout/run-1 TaskStateEntered Enqueue`, failures with error and cause. */
function summaryOf(prefix: string, type: string, details: Record<string, unknown> | undefined): string {
  if (details === undefined) return `${prefix} ${type}`;
  let line = details.name === undefined ? `${prefix} ${type}` : `${prefix} ${type} ${String(details.name)}`;
  if (typeof details.error === 'string') line += ` ${details.error}`;
  const cause = details.cause;
  if (typeof cause === 'string') line += ` ${cause.length > 100 ? `${cause.slice(0, 97)}...` : cause}`;
  return line;
}

const statuses: Record<string, string> = {
  ExecutionStarted: 'RUNNING',
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

function statusOf(type: string): string {
  return statuses[type] ?? 'RUNNING';
}
