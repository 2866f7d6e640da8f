// The delivery worker: runs deliveries against their targets, a bounded number at a time; a failure is
// retried with backoff on the clock until the target's RetryPolicy is exhausted, then the event goes to
// the target's dead-letter queue (or is dropped). A missing target is not retried, as on AWS
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). A delivery routed just now lives
// in memory (its event stays pending in the journal until it ends); only one that must wait for a
// retry is stored, so a restart resumes it with its attempt count.
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { BusDeliveries, DeliveryRow } from '../../store/bus-deliveries.js';
import type { TraceHub } from '../../trace/hub.js';
import { sendToDeadLetterQueue, type DeadLetterDeps } from './dead-letter.js';
import { nextRetry } from './retry.js';
import { callTarget, isMissingTarget, isPermanent, type DeliveryTarget, type TargetDeps } from './targets.js';

/** Most target calls in flight at once. */
const MAX_IN_FLIGHT = 256;

/** What the worker needs. */
export interface DeliveryDeps extends TargetDeps, DeadLetterDeps {
  deliveries: BusDeliveries;
  clock: Clock;
  trace: TraceHub;
  /** Runs `fn` in one store transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  /** The envelope (JSON text) of a journal event. */
  envelopeOf(eventSeq: number): string | undefined;
  /** Marks journal events done: every delivery of theirs ended or is stored (called inside a transaction). */
  markDone(seqs: number[]): void;
  /** Where a store failure outside any request is reported. */
  logger?: Pick<Logger, 'warn'>;
  /** Told when a delivery ends: delivered, or failed for good. */
  onSettled?(target: DeliveryTarget, delivered: boolean): void;
  /**
   * Whether a `batch` transaction is due later in this turn (the group commit of PutEvents): successes,
   * done marks and ready deliveries then ride along with it instead of costing a commit of their own.
   */
  commitDue?(): boolean;
}

/** A started attempt; `uncommitted` when the transaction its synchronous part ran in failed. */
interface Started {
  uncommitted: boolean;
}

/** A routed event's deliveries still in memory; the event is done when none is left. */
export interface EventTicket {
  seq: number;
  left: number;
}

/** A delivery to run: a stored row (resumed, or waiting for a retry), or one routed just now. */
export interface DeliveryJob extends DeliveryRow {
  /** 0 while the delivery is not stored (routed just now, before any failure). */
  id: number;
  /** The target's configuration, already parsed (else parsed from `target`). */
  parsedTarget?: DeliveryTarget;
  /** The event's envelope, when routing had it at hand (else read from the journal). */
  envelope?: string;
  /** Its event's ticket while the delivery is only in memory. */
  event?: EventTicket;
}

/** A delivery the target accepted: its row (if stored) is removed, and a trace record written, at the next commit. */
interface Settled {
  row: DeliveryJob;
  target: DeliveryTarget;
  attempt: number;
}

interface Pending {
  row: DeliveryJob;
  target: DeliveryTarget;
}

/** Runs deliveries; `schedule` takes rows already recorded in the store. */
export class DeliveryWorker {
  private readonly ready: Pending[] = [];
  private readonly timers = new Map<number, TimerHandle>();
  private inFlight = 0;
  private drainScheduled = false;
  private flushScheduled = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Successful deliveries whose rows are removed (and trace records written) in one transaction per tick. */
  private settled: Settled[] = [];
  /** Events whose deliveries all ended, marked done with the next commit. */
  private done: number[] = [];
  /** Attempts started inside the current `batch` transaction. */
  private started?: Started[];

  constructor(private readonly deps: DeliveryDeps) {}

  /** Schedules deliveries: due ones run now, later ones on the clock. */
  schedule(rows: DeliveryJob[]): void {
    for (const row of rows) {
      const pending = { row, target: row.parsedTarget ?? (JSON.parse(row.target) as DeliveryTarget) };
      const wait = row.nextAt - this.deps.clock.now();
      if (wait <= 0) this.ready.push(pending);
      else this.later(pending, wait);
    }
    this.drainSoon();
  }

  /** Deliveries waiting for a retry. */
  get waiting(): number {
    return this.timers.size;
  }

  /** Resolves when nothing is running or ready (retries waiting on the clock do not count). */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Marks events done with the next commit (routed to no delivery). */
  markDone(seqs: number[]): void {
    if (seqs.length === 0) return;
    this.done.push(...seqs);
    this.scheduleFlush();
  }

  /** Stops scheduling; calls in flight finish on their own (their events stay pending for a restart). */
  dispose(): void {
    this.flushSettled();
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    this.ready.length = 0;
  }

  /**
   * Runs `fn` in one transaction together with the deliveries it starts, the ready ones included (their
   * calls' synchronous parts, such as a local queue's insert), and the removal of deliveries that
   * succeeded since the last commit. If the commit fails, the calls it covered count as failed and the
   * successes are written again later.
   */
  batch<T>(fn: () => T): T {
    if (this.started) return fn();
    const started: Started[] = [];
    const settled = this.settled;
    const done = this.done;
    this.settled = [];
    this.done = [];
    this.started = started;
    try {
      return this.deps.transaction(() => {
        this.writeSettled(settled);
        if (done.length > 0) this.deps.markDone(done);
        const out = fn();
        this.startReady();
        return out;
      });
    } catch (error) {
      for (const token of started) token.uncommitted = true;
      // Written again later, not at once: a store that keeps failing must not be retried in a busy loop.
      this.settled.unshift(...settled);
      this.done.unshift(...done);
      if (settled.length > 0 || done.length > 0) setTimeout(() => this.flushSettled(), 1000).unref();
      // Deliveries the failed transaction did not reach still start on their own.
      this.drainSoon();
      throw error;
    } finally {
      this.started = undefined;
    }
  }

  private settle(item: Settled): void {
    this.settled.push(item);
    this.release(item.row);
    this.scheduleFlush();
  }

  /** The delivery no longer lives only in memory: its event is done when it was the last one. */
  private release(row: DeliveryJob): void {
    const ticket = row.event;
    if (!ticket) return;
    row.event = undefined;
    if (--ticket.left === 0) this.markDone([ticket.seq]);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // Under load a group commit is due in this same check phase: it writes these in its transaction.
      if (this.deps.commitDue?.()) return;
      this.flushSettled();
    });
  }

  private flushSettled(): void {
    if (this.stopped || (this.settled.length === 0 && this.done.length === 0)) return;
    try {
      // A crash before this commit re-delivers these events after restart: at-least-once.
      this.batch(() => undefined);
    } catch (error) {
      this.deps.logger?.warn(`events: recording delivered events failed (retried in 1 s): ${String(error)}`);
    }
  }

  private writeSettled(batch: Settled[]): void {
    const { deps } = this;
    for (const { row, target, attempt } of batch) {
      if (row.id > 0) deps.deliveries.finish(row.id);
      deps.onSettled?.(target, true);
      deps.trace.publish({
        kind: 'delivery',
        traceId: row.traceId,
        resource: target.arn,
        payload: {
          rule: target.ruleName,
          ruleArn: target.ruleArn,
          target: target.id,
          targetArn: target.arn,
          attempt,
          outcome: 'succeeded',
          summary: `${target.id} ✔ delivered (attempt ${attempt})`,
        },
      });
    }
  }

  private later(pending: Pending, wait: number): void {
    const timer = this.deps.clock.setTimer(() => {
      this.timers.delete(pending.row.id);
      this.ready.push(pending);
      this.drain();
    }, wait);
    this.timers.set(pending.row.id, timer);
  }

  /**
   * Starts ready deliveries in the next check phase, together (one transaction), not one by one. Under
   * load a group commit of PutEvents is due in that phase: they start in its transaction, so routed
   * events and newly accepted ones share one commit instead of one each.
   */
  private drainSoon(): void {
    if (this.drainScheduled || this.ready.length === 0) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      if (this.deps.commitDue?.()) return;
      this.drain();
    });
  }

  /**
   * Starts ready deliveries. Their synchronous parts run in one transaction, so a batch of deliveries
   * to a local queue shares one commit; if that commit fails, the calls it covered count as failed.
   */
  private drain(): void {
    if (this.stopped || this.inFlight >= MAX_IN_FLIGHT || this.ready.length === 0) return;
    try {
      this.batch(() => undefined);
    } catch {
      // The started calls are marked uncommitted: each fails and is retried.
    }
  }

  /** Starts what is ready, inside the current `batch` transaction. */
  private startReady(): void {
    while (!this.stopped && this.inFlight < MAX_IN_FLIGHT && this.ready.length > 0) {
      const token: Started = { uncommitted: false };
      this.started!.push(token);
      this.inFlight++;
      void this.attempt(this.ready.shift()!, token).finally(() => this.finished());
    }
  }

  private finished(): void {
    this.inFlight--;
    this.drainSoon();
    if (this.inFlight === 0 && this.ready.length === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  private async attempt({ row, target }: Pending, started: Started): Promise<void> {
    const { deps } = this;
    const attempt = row.attempts + 1;
    let envelopeText: string | undefined;
    const envelope = () => (envelopeText ??= row.envelope ?? deps.envelopeOf(row.eventSeq) ?? row.payload);
    try {
      await callTarget(deps, target, row.payload, envelope, row.traceId);
      if (started.uncommitted) throw new Error('the target call was not committed to the store');
      if (this.stopped) return;
      this.settle({ row, target, attempt });
      return;
    } catch (error) {
      if (this.stopped) return;
      const base = {
        rule: target.ruleName,
        ruleArn: target.ruleArn,
        target: target.id,
        targetArn: target.arn,
        attempt,
      };
      const message = error instanceof Error ? error.message : String(error);
      const now = deps.clock.now();
      const decision = isPermanent(error)
        ? ({ retry: false, condition: 'MaximumRetryAttempts' } as const)
        : nextRetry(target.retryPolicy, row.attempts, row.firstAt, now);
      if (decision.retry) {
        row.attempts = attempt;
        row.nextAt = now + decision.delayMs;
        // Stored from its first failure on, so a restart resumes it with its attempt count. A store
        // that fails here must not crash eddy: the retry still runs, and an unstored delivery keeps its
        // event pending, so a restart routes the event again.
        try {
          if (row.id > 0) deps.deliveries.retryLater(row.id, row.attempts, row.nextAt);
          else row.id = deps.deliveries.add(row).id;
          this.release(row);
        } catch (storeError) {
          deps.logger?.warn(`events: recording a retry failed: ${String(storeError)}`);
        }
        deps.trace.publish({
          kind: 'delivery',
          traceId: row.traceId,
          resource: target.arn,
          payload: {
            ...base,
            outcome: 'failed',
            error: message,
            retryInMs: decision.delayMs,
            summary: `${target.id} ✘ attempt ${attempt} failed: ${message} (retry in ${(decision.delayMs / 1000).toFixed(1)} s)`,
          },
        });
        this.later({ row, target }, decision.delayMs);
        return;
      }
      const errorCode = isMissingTarget(error) ? 'RESOURCE_NOT_FOUND' : errorCodeOf(error);
      const deadLettered = target.deadLetterArn
        ? await sendToDeadLetterQueue(deps, target, envelope(), row.traceId, {
            errorCode,
            errorMessage: message,
            condition: decision.condition,
            retryAttempts: row.attempts,
          })
        : false;
      if (row.id > 0) deps.deliveries.finish(row.id);
      this.release(row);
      deps.onSettled?.(target, false);
      deps.trace.publish({
        kind: 'delivery',
        traceId: row.traceId,
        resource: target.arn,
        payload: {
          ...base,
          outcome: 'failed',
          error: message,
          errorCode,
          exhaustedRetryCondition: decision.condition,
          final: deadLettered ? 'dead-lettered' : 'dropped',
          summary: `${target.id} ✘ ${message}: ${deadLettered ? 'sent to the dead-letter queue' : 'dropped'} (${decision.condition}, ${row.attempts} retries)`,
        },
      });
    }
  }
}

function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code ?? (error as { name?: unknown }).name;
  return typeof code === 'string' && code !== 'Error' ? code : 'SDK_CLIENT_ERROR';
}
