// StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask: DLQ redrive. A task moves the
// messages of a dead-letter queue to DestinationArn, or back to each message's original source queue,
// at MaxNumberOfMessagesPerSecond (500 when not given). Tasks are stored and resume after a restart
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html).
import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../../shared/clock.js';
import type { Db, Store } from '../../store/database.js';
import type { QueueEngine } from './engine.js';
import { invalidParameter, sqsError } from './errors.js';

interface TaskRow {
  handle: string;
  source_arn: string;
  destination_arn: string | null;
  rate: number | null;
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  moved: number;
  to_move: number;
  started: number;
  failure: string | null;
}

type Input = Record<string, unknown>;

/** Runs and reports message move tasks. */
export class MoveTasks {
  private readonly db: Db;
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly engine: QueueEngine,
    store: Store,
  ) {
    this.db = store.db;
  }

  /** StartMessageMoveTask. */
  start(input: Input) {
    const source = typeof input.SourceArn === 'string' ? this.engine.find(input.SourceArn) : undefined;
    if (!source || !String(input.SourceArn).startsWith('arn:')) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    const isDlq = this.engine
      .list()
      .some((q) => q.redrive && this.engine.find(q.redrive.deadLetterTargetArn) === source);
    if (!isDlq) {
      throw invalidParameter(
        'SourceArn',
        input.SourceArn,
        'Source queue must be configured as a Dead Letter Queue.',
      );
    }
    if (input.DestinationArn !== undefined && !this.engine.find(String(input.DestinationArn))) {
      throw sqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    }
    const running = this.rows(source.row.arn).find((t) => t.status === 'RUNNING');
    if (running)
      throw sqsError(
        'UnsupportedOperation',
        'There is already a task running. Only one active task is allowed for each source queue arn at a given time.',
      );
    const rate =
      input.MaxNumberOfMessagesPerSecond === undefined ? null : Number(input.MaxNumberOfMessagesPerSecond);
    if (rate !== null && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw invalidParameter('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500, if provided.');
    }
    const counts = this.engine.messages.counts(source.row.name, this.engine.clock.now());
    const row: TaskRow = {
      handle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.row.arn })).toString(
        'base64',
      ),
      source_arn: source.row.arn,
      destination_arn: input.DestinationArn === undefined ? null : String(input.DestinationArn),
      rate,
      status: 'RUNNING',
      moved: 0,
      to_move: counts.visible + counts.inFlight + counts.delayed,
      started: this.engine.clock.now(),
      failure: null,
    };
    this.db
      .prepare(
        `INSERT INTO sqs_move_tasks (handle, source_arn, destination_arn, rate, status, moved, to_move, started, failure)
         VALUES (@handle, @source_arn, @destination_arn, @rate, @status, @moved, @to_move, @started, @failure)`,
      )
      .run(row);
    this.schedule(row.handle, 0);
    return { TaskHandle: row.handle };
  }

  /** ListMessageMoveTasks: newest first. */
  list(input: Input) {
    const source = this.engine.get(input.SourceArn);
    const max = input.MaxResults === undefined ? 1 : Number(input.MaxResults);
    return {
      Results: this.rows(source.row.arn)
        .slice(0, Math.min(Math.max(max, 1), 10))
        .map((t) => ({
          ...(t.status === 'RUNNING' ? { TaskHandle: t.handle } : {}),
          Status: t.status,
          SourceArn: t.source_arn,
          ...(t.destination_arn ? { DestinationArn: t.destination_arn } : {}),
          ...(t.rate ? { MaxNumberOfMessagesPerSecond: t.rate } : {}),
          ApproximateNumberOfMessagesMoved: t.moved,
          ApproximateNumberOfMessagesToMove: t.to_move,
          ...(t.failure ? { FailureReason: t.failure } : {}),
          StartedTimestamp: t.started,
        })),
    };
  }

  /** CancelMessageMoveTask. */
  cancel(input: Input) {
    const task = this.db
      .prepare<[string], TaskRow>('SELECT * FROM sqs_move_tasks WHERE handle = ?')
      .get(String(input.TaskHandle ?? ''));
    if (!task || task.status !== 'RUNNING') {
      throw sqsError('ResourceNotFoundException', 'Task does not exist.');
    }
    this.timers.get(task.handle)?.cancel();
    this.timers.delete(task.handle);
    this.update(task.handle, { status: 'CANCELLED' });
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  /** Continues tasks a restart interrupted. */
  resume(): void {
    for (const row of this.db
      .prepare<[], TaskRow>("SELECT * FROM sqs_move_tasks WHERE status = 'RUNNING'")
      .all()) {
      this.schedule(row.handle, 0);
    }
  }

  /** Stops the timers (tasks stay RUNNING in the store). */
  dispose(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private rows(sourceArn: string): TaskRow[] {
    return this.db
      .prepare<[string], TaskRow>(
        'SELECT * FROM sqs_move_tasks WHERE source_arn = ? ORDER BY started DESC, rowid DESC',
      )
      .all(sourceArn);
  }

  private update(handle: string, changes: Partial<TaskRow>): void {
    const sets = Object.keys(changes)
      .map((k) => `${k} = @${k}`)
      .join(', ');
    this.db.prepare(`UPDATE sqs_move_tasks SET ${sets} WHERE handle = @handle`).run({ ...changes, handle });
  }

  private schedule(handle: string, ms: number): void {
    this.timers.set(
      handle,
      this.engine.clock.setTimer(() => this.step(handle), ms),
    );
  }

  /** Moves one second's worth of messages, then schedules the next second. */
  private step(handle: string): void {
    this.timers.delete(handle);
    const task = this.db
      .prepare<[string], TaskRow>('SELECT * FROM sqs_move_tasks WHERE handle = ?')
      .get(handle);
    if (!task || task.status !== 'RUNNING') return;
    const source = this.engine.find(task.source_arn);
    if (!source)
      return this.update(handle, { status: 'FAILED', failure: 'AWS.SimpleQueueService.NonExistentQueue' });
    const now = this.engine.clock.now();
    const batch = this.engine.messages.visible(source.row.name, now, task.rate ?? 500);
    let moved = 0;
    for (const row of batch) {
      const target = this.engine.find(task.destination_arn ?? row.dlq_source ?? '');
      if (!target) {
        return this.update(handle, {
          status: 'FAILED',
          moved: task.moved + moved,
          failure: 'AWS.SimpleQueueService.NonExistentQueue',
        });
      }
      this.engine.messages.move(row.seq, target.row.name, now, null);
      this.engine.waiters.notify(target.row.name);
      this.engine.publish(
        'redriven',
        source,
        { messageId: row.id, destination: target.row.arn },
        row.trace_id ?? undefined,
      );
      moved++;
    }
    const total = task.moved + moved;
    if (batch.length === 0 || total >= task.to_move)
      this.update(handle, { status: 'COMPLETED', moved: total });
    else {
      this.update(handle, { moved: total });
      this.schedule(handle, 1000);
    }
  }
}
