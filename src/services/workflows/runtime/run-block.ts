// Runs a list of states (the machine, a Parallel branch, a Map iteration) from StartAt to its end.
import type { StateOutcome } from '../states/handler.js';
import { compiledState, type CompiledState } from './compiled-state.js';
import type { Frame, Transition } from './env.js';
import { passThrough, runState } from './run-state.js';

// Synchronous states (Pass, Choice, ...) run without yielding; after this many in a row the block
// lets the event loop run (timers, StopExecution, other executions), so a looping machine of such
// states still times out and can be stopped.
const SYNC_STATES_PER_TURN = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where a block's run is: the state to run next and its input, or the block's output once ended. */
interface Cursor {
  state: CompiledState;
  data: unknown;
  ended: boolean;
}

/**
 * Runs `frame`'s states on `input`, from `startAt` (default StartAt); resolves with the last output.
 * `resumed` is the recorded transition a resumed execution starts from (its first state only).
 */
export async function runBlock(
  frame: Frame,
  input: unknown,
  startAt = frame.block.StartAt,
  resumed?: Transition,
): Promise<unknown> {
  const cursor: Cursor = { state: compiledState(frame.block, startAt), data: input, ended: false };
  const history = frame.env.history;
  try {
    if (resumed !== undefined) {
      if (frame.signal.aborted) throw frame.signal.reason;
      // A resumed state is recorded as it was (with its checkpoint), so a second crash resumes it alike.
      if (frame.topLevel) frame.env.onTransition?.(resumed);
      history.shareTime(false);
      advance(cursor, await runState(frame, cursor.state, input, resumed));
    }
    while (!cursor.ended) {
      // Only code that runs between two states can abort the frame: after synchronous states nothing has.
      if (frame.signal.aborted) throw frame.signal.reason;
      const pending = runSynchronously(frame, cursor);
      history.shareTime(false);
      if (pending !== undefined) advance(cursor, await pending);
      else if (!cursor.ended) await nextTurn();
    }
    return cursor.data;
  } catch (thrown) {
    history.shareTime(false);
    throw thrown;
  }
}

/** Moves `cursor` past a state that ended with `outcome`. */
function advance(cursor: Cursor, outcome: StateOutcome): void {
  cursor.data = outcome.output;
  if (outcome.next === undefined) cursor.ended = true;
  else cursor.state = cursor.state.follow(outcome.next);
}

/**
 * Runs states from `cursor` for as long as they finish synchronously, up to SYNC_STATES_PER_TURN;
 * returns the promise of the state that waits, if one does (`cursor` is then still at that state).
 * A plain function, not async: V8 optimises a long-running loop while it runs (on-stack replacement)
 * only outside async functions, and a long chain of states runs in one call.
 */
function runSynchronously(frame: Frame, cursor: Cursor): Promise<StateOutcome> | undefined {
  const history = frame.env.history;
  for (let inARow = 1; ; inARow++) {
    const state = cursor.state;
    if (frame.topLevel)
      frame.env.onTransition?.({ stateName: state.name, input: cursor.data, variables: frame.scope.own() });
    let next: string | undefined;
    if (state.passesThrough) {
      // Most of a long chain of plain Pass states: no handler, context or outcome object.
      passThrough(history, state, cursor.data);
      next = state.next;
    } else {
      const outcome = runState(frame, state, cursor.data);
      if (outcome instanceof Promise) return outcome;
      cursor.data = outcome.output;
      next = outcome.next;
    }
    if (next === undefined) {
      cursor.ended = true;
      return undefined;
    }
    cursor.state = state.follow(next);
    if (inARow === SYNC_STATES_PER_TURN) return undefined;
    // The states run so far finished synchronously: the next one's events may share a clock reading.
    history.shareTime(true);
  }
}
