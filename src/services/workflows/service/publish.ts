// What an execution tells the rest of eddy: each history event as a trace record (kind `execution` for
// its start and end, `state` for the rest, under the trace id of whatever started it), and AWS's
// "Step Functions Execution Status Change" events on the default bus
// (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html).
import type { Clock } from '../../../shared/clock.js';
import type { Db } from '../../../store/database.js';
import type { ExecutionRow } from '../../../store/executions.js';
import type { TraceHub } from '../../../trace/hub.js';
import type { Logger } from '../../../shared/logger.js';
import type { TargetRouter } from '../../core/service.js';
import type { HistoryEvent } from '../index.js';
import type { Scope } from './arns.js';
import { busEnvelope } from './integrations.js';

/**
 * Publishes history events as trace records in batches: the trace log is a SQLite table, and one
 * transaction per tick instead of one per record keeps a 10,000-item Map from being bound by commits.
 */
export class TraceBatcher {
  private pending: { row: ExecutionRow; event: HistoryEvent }[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly trace: TraceHub,
    private readonly db: Db,
  ) {}

  /** Map/Parallel nesting depth per execution. */
  private readonly depth = new Map<string, number>();

  /**
   * Queues one event; it is published before the next I/O turn. Inside Map iterations and Parallel
   * branches only failures are published: `eddy tail` shows the path, not 10,000 iterations.
   */
  add(row: ExecutionRow, event: HistoryEvent): void {
    if (this.closed) return;
    const depth = this.depth.get(row.arn) ?? 0;
    const type = event.type;
    if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) this.depth.set(row.arn, depth - 1);
    else if (/^(Map|Parallel)StateStarted$/.test(type)) this.depth.set(row.arn, depth + 1);
    else if (/^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(type)) this.depth.delete(row.arn);
    else if (depth > 0 && !/(Failed|TimedOut)$/.test(type)) return;
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
    this.db.transaction(() => {
      for (const { row, event } of batch) traceEvent(this.trace, row, event);
    })();
  }
}

/** Publishes one history event as a trace record. */
export function traceEvent(trace: TraceHub, row: ExecutionRow, event: HistoryEvent): void {
  const execution = event.type.startsWith('Execution');
  const details = Object.entries(event).find(([k]) => k.endsWith('EventDetails'))?.[1] as
    Record<string, unknown> | undefined;
  trace.publish({
    kind: execution ? 'execution' : 'state',
    traceId: row.traceId,
    resource: row.arn,
    time: new Date(event.timestamp).toISOString(),
    payload: {
      summary: summaryOf(row, event.type, details),
      type: event.type,
      id: event.id,
      stateMachineArn: row.stateMachineArn,
      executionName: row.name,
      ...(execution ? { status: statusOf(event.type) } : {}),
      ...(details?.name !== undefined ? { state: details.name } : {}),
      ...(details ? { details } : {}),
    },
  });
}

/** The line `eddy tail` prints: `checkout/run-1 TaskStateEntered Enqueue`, failures with error and cause. */
function summaryOf(row: ExecutionRow, type: string, details: Record<string, unknown> | undefined): string {
  const machine = row.stateMachineArn.split(':')[6] ?? '';
  const parts = [`${machine}/${row.name}`, type];
  if (details?.name !== undefined) parts.push(String(details.name));
  if (typeof details?.error === 'string') parts.push(details.error);
  if (typeof details?.cause === 'string')
    parts.push(details.cause.length > 100 ? `${details.cause.slice(0, 97)}...` : details.cause);
  return parts.join(' ');
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
