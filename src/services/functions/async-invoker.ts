// Asynchronous (Event) invocations with Lambda's rules
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html): on a function
// error Lambda retries twice by default (MaximumRetryAttempts), waiting one minute before the second
// attempt and two before the third; an event older than MaximumEventAgeInSeconds (default 6 h) is
// dropped; the outcome goes to the OnSuccess / OnFailure destination as an invocation record.
// Waits run on the Clock, so tests advance time instead of sleeping.
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { FunctionModel } from '../../template/model.js';
import type { TraceHub } from '../../trace/hub.js';
import type { TargetRouter } from '../core/service.js';
import { type DestinationCondition, invocationRecord } from './destination-record.js';

/** Lambda's waits before the second and third attempts. */
export const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
/** Lambda's default MaximumRetryAttempts. */
export const DEFAULT_MAX_RETRIES = 2;
/** Lambda's default MaximumEventAgeInSeconds (6 hours). */
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;

/** One attempt's result, as the invoker needs it. */
export interface AttemptResult {
  payload: string;
  failed: boolean;
}

/** What the invoker needs from the service. */
export interface AsyncInvokerDeps {
  clock: Clock;
  router: TargetRouter;
  trace: TraceHub;
  logger: Logger;
  /** Runs one attempt of the function, by name (the function may have been reloaded meanwhile). */
  attempt(fn: FunctionModel, payload: string, traceId: string, requestId: string): Promise<AttemptResult>;
  /** The function's current model, or undefined when it was removed from the template. */
  current(name: string): FunctionModel | undefined;
  retryDelaysMs?: number[];
  /** Where accepted events are kept until they finish (so a restart resumes them). */
  journal?: AsyncJournal;
}

/** The durable side of the invoker (the store's LambdaAsyncEvents). */
export interface AsyncJournal {
  save(event: QueuedEvent): void;
  attempted(requestId: string, attempts: number): void;
  finished(requestId: string): void;
  pending(): QueuedEvent[];
}

/** One accepted event. */
export interface QueuedEvent {
  name: string;
  payload: string;
  traceId: string;
  requestId: string;
  enqueuedAt: number;
  attempts: number;
}

/** Runs Event invocations in the background, with retries and destinations. */
export class AsyncInvoker {
  private readonly timers = new Set<TimerHandle>();
  private readonly running = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly deps: AsyncInvokerDeps) {}

  /** Accepts an event for `fn`; the first attempt starts right away. */
  enqueue(fn: FunctionModel, payload: string, traceId: string, requestId: string): void {
    const event: QueuedEvent = {
      name: fn.name,
      payload,
      traceId,
      requestId,
      enqueuedAt: this.deps.clock.now(),
      attempts: 0,
    };
    this.deps.journal?.save(event);
    this.schedule(event, 0);
  }

  /** Restarts the events accepted before a restart and not finished then (at-least-once). */
  resume(): void {
    for (const event of this.deps.journal?.pending() ?? []) this.schedule(event, 0);
  }

  /** Resolves when no attempt is running (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Drops pending retries. */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  private schedule(event: QueuedEvent, delayMs: number): void {
    if (this.disposed) return;
    // The first attempt starts at once (a manual clock would otherwise hold it until advanced).
    if (delayMs === 0) return this.start(event);
    const timer = this.deps.clock.setTimer(() => {
      this.timers.delete(timer);
      this.start(event);
    }, delayMs);
    this.timers.add(timer);
  }

  private start(event: QueuedEvent): void {
    const run = this.attempt(event).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    const fn = this.deps.current(event.name);
    if (!fn || this.disposed) return;
    const maxAgeMs = (fn.maximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;
    if (this.deps.clock.now() - event.enqueuedAt > maxAgeMs) {
      return this.finish(fn, event, 'EventAgeExceeded');
    }
    event.attempts++;
    this.deps.journal?.attempted(event.requestId, event.attempts);
    let result: AttemptResult;
    try {
      result = await this.deps.attempt(fn, event.payload, event.traceId, event.requestId);
    } catch (error) {
      result = { payload: JSON.stringify({ errorType: 'Error', errorMessage: String(error) }), failed: true };
    }
    if (!result.failed) return this.finish(fn, event, 'Success', result);
    const maxRetries = fn.maximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
    if (event.attempts > maxRetries) return this.finish(fn, event, 'RetriesExhausted', result);
    const delays = this.deps.retryDelaysMs ?? ASYNC_RETRY_DELAYS_MS;
    const delay = delays[Math.min(event.attempts - 1, delays.length - 1)];
    if (this.deps.clock.now() + delay - event.enqueuedAt > maxAgeMs) {
      return this.finish(fn, event, 'EventAgeExceeded', result);
    }
    this.schedule(event, delay);
  }

  private async finish(
    fn: FunctionModel,
    event: QueuedEvent,
    condition: DestinationCondition,
    result?: AttemptResult,
  ): Promise<void> {
    this.deps.journal?.finished(event.requestId);
    const destination = condition === 'Success' ? fn.onSuccessArn : fn.onFailureArn;
    if (condition !== 'Success') {
      this.deps.trace.publish({
        kind: 'warning',
        traceId: event.traceId,
        resource: fn.arn,
        payload: {
          function: fn.name,
          requestId: event.requestId,
          condition,
          attempts: event.attempts,
          destination,
        },
      });
    }
    if (!destination) return;
    const record = invocationRecord({
      requestId: event.requestId,
      functionArn: fn.arn,
      condition,
      invokeCount: event.attempts,
      requestPayload: event.payload,
      response: result,
      now: this.deps.clock.now(),
    });
    try {
      await this.deps.router.invoke(destination, record, { traceId: event.traceId, invocationType: 'Event' });
    } catch (error) {
      this.deps.logger.warn(
        `functions: ${fn.name} could not deliver to its destination ${destination}: ${String(error)}`,
      );
      this.deps.trace.publish({
        kind: 'error',
        traceId: event.traceId,
        resource: fn.arn,
        payload: { function: fn.name, destination, message: String(error) },
      });
    }
  }
}
