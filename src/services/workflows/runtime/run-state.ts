// One state's life: Entered event, the handler, Retry back-off, Catch, Exited event, and the
// assignments that take effect when it ends.
import { checkPayloadSize, QueryEvaluationError } from '../errors/runtime-errors.js';
import { toStatesError, type StatesError } from '../errors/states-error.js';
import type { StateOutcome } from '../states/handler.js';
import { applyCatcher } from './catch.js';
import type { CompiledState } from './compiled-state.js';
import type { Frame, Transition } from './env.js';
import { payload, type History } from './history.js';
import { jsonText } from './json-text.js';
import { findCatcher, findRetrier, maxAttempts, retryDelayMs } from './retry.js';
import { sleep } from './sleep.js';
import { StateContext } from './state-context.js';

// QueryEvaluationErrors already reported by an EvaluationFailed event (in an inner state).
const reported = new WeakSet<object>();

// Task failures that left a Parallel branch or Map iteration (recorded there as TaskStateAborted).
const abortedTaskErrors = new WeakSet<object>();

/**
 * Runs `compiled`, a state of `frame`, on `input`; throws the StatesError that ends the block. `resumed` is the
 * transition a resumed execution restarts this state from: when it checkpointed after entering, the
 * state continues under its recorded Entered event instead of adding a second one. A state whose
 * handler finishes synchronously returns its outcome directly (no promise): a long chain of Pass or
 * Choice states then costs no microtask per state. States that pass their input through take
 * `passThrough` instead.
 */
export function runState(
  frame: Frame,
  compiled: CompiledState,
  input: unknown,
  resumed?: Transition,
): StateOutcome | Promise<StateOutcome> {
  if (resumed !== undefined) return runResumed(frame, compiled, input, resumed);
  const { name, def: state } = compiled;
  const history = frame.env.history;
  if (compiled.timed) history.shareTime(false);
  const enteredId = history.addEntered(compiled.entered, name, jsonText(input));
  // The Entered event's own timestamp, so `$$.State.EnteredTime` and a Wait's start agree with it.
  const ctx = new StateContext(frame, name, state, enteredId, history.lastTimestamp);
  let pending: Promise<StateOutcome>;
  try {
    const outcome = compiled.handler.run(ctx, input);
    if (!(outcome instanceof Promise)) return finish(ctx, compiled, outcome);
    pending = outcome;
  } catch (thrown) {
    // Retry and Catch are asynchronous (back-off, JSONata): the failure continues there.
    pending = Promise.reject(thrown);
  }
  return settle(ctx, compiled, input, pending, undefined);
}

/** runState for the first state of a resumed execution. */
async function runResumed(
  frame: Frame,
  compiled: CompiledState,
  input: unknown,
  resumed: Transition,
): Promise<StateOutcome> {
  const { name, def: state } = compiled;
  const env = frame.env;
  // Only trust a checkpoint whose Entered event made it into the stored history.
  const entered =
    resumed.entered && resumed.entered.eventId <= env.history.lastId ? resumed.entered : undefined;
  const enteredId =
    entered?.eventId ?? env.history.add(compiled.entered, { name, ...payload('input', input) });
  const enteredAt = entered ? Date.parse(entered.time) : env.history.lastTimestamp;
  const ctx = new StateContext(frame, name, state, enteredId, enteredAt);
  let attempts: Map<number, number> | undefined;
  if (entered && resumed.retry) {
    // Resumed in a Retry back-off: the attempts so far still count, and only the rest of it is waited.
    attempts = new Map(resumed.retry.attempts);
    ctx.retryCount = resumed.retry.count;
    const left = (resumed.dueAt ?? 0) - env.clock.now();
    if (left > 0) await sleep(env.clock, left, frame.signal);
  } else if (entered) ctx.resumedDueAt = resumed.dueAt;
  return settle(ctx, compiled, input, undefined, attempts);
}

/**
 * The asynchronous rest of a state: awaits `pending` (the first attempt, when already started), then
 * runs Retry back-offs and attempts, and Catch, until the state ends or fails.
 */
async function settle(
  ctx: StateContext,
  compiled: CompiledState,
  input: unknown,
  pending: Promise<StateOutcome> | undefined,
  attempts: Map<number, number> | undefined,
): Promise<StateOutcome> {
  const { frame, name, state, env } = ctx;
  const handler = compiled.handler;
  for (;;) {
    try {
      const outcome = await (pending ?? handler.run(ctx, input));
      pending = undefined;
      return finish(ctx, compiled, outcome);
    } catch (thrown) {
      pending = undefined;
      if (frame.signal.aborted) {
        // A sibling branch/iteration failed (or the execution stopped) while this task ran.
        if (state.Type === 'Task' && !frame.topLevel) env.history.add('TaskStateAborted');
        throw thrown;
      }
      const error = toStatesError(thrown);
      if (error instanceof QueryEvaluationError && !reported.has(error)) {
        reported.add(error);
        env.history.add('EvaluationFailed', { error: error.error, cause: error.causeText, state: name });
      }
      const r = findRetrier(state.Retry, error);
      if (r >= 0) {
        const retrier = state.Retry![r];
        attempts ??= new Map();
        const done = attempts.get(r) ?? 0;
        if (done < maxAttempts(retrier)) {
          attempts.set(r, done + 1);
          const delay = retryDelayMs(retrier, done);
          // The failed attempt's events and the back-off are recorded, so a restart neither runs the
          // task again at once nor forgets how many attempts it made.
          if (delay > 0)
            ctx.checkpoint(input, env.clock.now() + delay, {
              attempts: [...attempts],
              count: ctx.retryCount + 1,
            });
          await sleep(env.clock, delay, frame.signal);
          ctx.retryCount++;
          continue;
        }
      }
      const catcher = findCatcher(state.Catch, error);
      // Map/Parallel report their failure (caught or not) unless it is a non-handleable runtime error,
      // or a caught Parallel whose branch failed in a Task: AWS's recorded histories show
      // ParallelStateFailed after a branch's Fail state but none after a branch's aborted Task
      // (conformance: test_parallel_state_catch vs test_parallel_catch_error).
      const quiet = state.Type === 'Parallel' && catcher !== undefined && abortedTaskErrors.has(error);
      if ((state.Type === 'Map' || state.Type === 'Parallel') && error.handleable && !quiet)
        env.history.add(`${state.Type}StateFailed`);
      if (!catcher) {
        // A task failure leaving a Parallel branch or Map iteration is recorded as TaskStateAborted.
        if (state.Type === 'Task' && !frame.topLevel && error.handleable) {
          env.history.add('TaskStateAborted');
          abortedTaskErrors.add(error);
        }
        throw error;
      }
      const caught = await applyCatcher(ctx, catcher, input, error as StatesError);
      return finish(ctx, compiled, { ...caught, next: catcher.Next });
    }
  }
}

function finish(ctx: StateContext, compiled: CompiledState, outcome: StateOutcome): StateOutcome {
  checkPayloadSize(outcome.output, ctx.name);
  if (outcome.assign) ctx.frame.scope.assign(outcome.assign);
  ctx.env.history.addExited(compiled.exited, ctx.name, jsonText(outcome.output));
  return outcome;
}

/**
 * Runs `compiled`, a state that passes its input through (StateHandler.passesThrough), on `input`:
 * records its events and checks its output's size as runState does, with no context or outcome object.
 * Throws States.DataLimitExceeded when the input is over the payload limit.
 */
export function passThrough(history: History, compiled: CompiledState, input: unknown): void {
  const text = jsonText(input);
  history.addEntered(compiled.entered, compiled.name, text);
  checkPayloadSize(input, compiled.name);
  history.addExited(compiled.exited, compiled.name, text);
}
