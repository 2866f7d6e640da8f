// What an execution tells the rest of eddy: each history event as a trace record (kind `execution` for
// its start and end, `state` for the rest, under the trace id of whatever started it), and AWS's
// "Step Functions Execution Status Change" events on the default bus
// (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html).
import type { Clock } from '../../../shared/clock.js';
import type { ExecutionRow } from '../../../store/executions.js';
import type { TraceHub } from '../../../trace/hub.js';
import type { Logger } from '../../../shared/logger.js';
import type { TargetRouter } from '../../core/service.js';
import type { HistoryEvent } from '../index.js';
import { detailsKey } from '../runtime/history.js';
import type { Scope } from './arns.js';
import { busEnvelope } from './integrations.js';

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
 * Publishes history events as trace records, once per turn of the event loop: the records are built
 * after the burst of transitions that produced them (the trace sink then writes them in one
 * transaction), not one by one in the middle of the interpreter's loop.
 */
export class TraceBatcher {
  private pending: { row: ExecutionRow; event: HistoryEvent }[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly trace: TraceHub) {}

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
    this.pending.push({ row, event });
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
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const { row, event } of batch) traceEvent(this.trace, row, event);
  }
}

// `machine/name`, the start of every summary line of an execution, built once per execution.
const prefixes = new WeakMap<ExecutionRow, string>();

function prefixOf(row: ExecutionRow): string {
  let prefix = prefixes.get(row);
  if (prefix === undefined) {
    prefix = `${row.stateMachineArn.split(':')[6] ?? ''}/${row.name}`;
    prefixes.set(row, prefix);
  }
  return prefix;
}

// Consecutive events mostly share a millisecond: the last timestamp's ISO text is reused.
let lastStamp = NaN;
let lastText = '';

function isoTime(timestamp: number): string {
  if (timestamp !== lastStamp) {
    lastStamp = timestamp;
    lastText = new Date(timestamp).toISOString();
  }
  return lastText;
}

/** Publishes one history event as a trace record. */
export function traceEvent(trace: TraceHub, row: ExecutionRow, event: HistoryEvent): void {
  const type = event.type;
  const execution = type.startsWith('Execution');
  // History.add files details under detailsKey(type): no need to scan the event's keys.
  const key = detailsKey(type);
  const details = key === undefined ? undefined : (event[key] as Record<string, unknown> | undefined);
  const payload: Record<string, unknown> = {
    summary: summaryOf(prefixOf(row), type, details),
    type,
    id: event.id,
    stateMachineArn: row.stateMachineArn,
    executionName: row.name,
  };
  if (execution) payload.status = statusOf(type);
  if (details !== undefined) {
    if (details.name !== undefined) payload.state = details.name;
    payload.details = details;
  }
  trace.publish({
    kind: execution ? 'execution' : 'state',
    traceId: row.traceId,
    resource: row.arn,
    time: isoTime(event.timestamp),
    payload,
  });
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

function statusOf(type: string): string {
  const map: Record<string, string> = {
    ExecutionStarted: 'RUNNING',
    ExecutionSucceeded: 'SUCCEEDED',
    ExecutionFailed: 'FAILED',
    ExecutionTimedOut: 'TIMED_OUT',
    ExecutionAborted: 'ABORTED',
  };
  return map[type] ?? 'RUNNING';
}

/** Puts the status-change event of `row` on the default bus (when the bus service runs). */
export function putStatusChange(
  deps: { router: TargetRouter; scope: Scope; clock: Clock; logger: Logger },
  row: ExecutionRow,
): void {
  const detail = {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: row.startDate,
    stopDate: row.stopDate ?? null,
    input: row.input,
    output: row.output ?? null,
    inputDetails: { included: true },
    outputDetails: row.output === undefined ? null : { included: true },
    error: row.error ?? null,
    cause: row.cause ?? null,
  };
  const envelope = busEnvelope(
    deps.scope,
    {
      source: 'aws.states',
      detailType: 'Step Functions Execution Status Change',
      detail,
      resources: [row.arn],
    },
    deps.clock.now(),
  );
  const bus = `arn:aws:events:${deps.scope.region}:${deps.scope.accountId}:event-bus/default`;
  deps.router.invoke(bus, envelope, { traceId: row.traceId }).catch((error: unknown) => {
    // No bus service (or no default bus): nobody can listen, so there is nothing to report.
    deps.logger.debug?.(`status change event not delivered: ${String(error)}`);
  });
}
