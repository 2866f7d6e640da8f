// Runs a list of states (the machine, a Parallel branch, a Map iteration) from StartAt to its end.
import { compiledState } from './compiled-state.js';
import type { Frame, Transition } from './env.js';
import { passThrough, runState } from './run-state.js';

// Synchronous states (Pass, Choice, ...) run without yielding; after this many in a row the block
// lets the event loop run (timers, StopExecution, other executions), so a looping machine of such
// states still times out and can be stopped.
const SYNC_STATES_PER_TURN = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  let state = compiledState(frame.block, startAt);
  let data = input;
  let resuming = resumed;
  let inARow = 0;
  const history = frame.env.history;
  try {
    for (;;) {
      // Only code that runs between two states can abort the frame: after synchronous states nothing has.
      if (inARow === 0 && frame.signal.aborted) throw frame.signal.reason;
      // A resumed state is recorded as it was (with its checkpoint), so a second crash resumes it alike.
      if (frame.topLevel)
        frame.env.onTransition?.(
          resuming ?? { stateName: state.name, input: data, variables: frame.scope.own() },
        );
      let next: string | undefined;
      if (state.passesThrough && resuming === undefined) {
        // Most of a long chain of plain Pass states: no handler, context or outcome object.
        passThrough(history, state, data);
        next = state.next;
        inARow++;
      } else {
        let outcome = runState(frame, state, data, resuming);
        resuming = undefined;
        if (outcome instanceof Promise) {
          history.shareTime(false);
          outcome = await outcome;
          inARow = 0;
        } else inARow++;
        data = outcome.output;
        next = outcome.next;
      }
      if (next === undefined) {
        history.shareTime(false);
        return data;
      }
      state = state.follow(next);
      if (inARow >= SYNC_STATES_PER_TURN) {
        history.shareTime(false);
        await nextTurn();
        inARow = 0;
      } else if (inARow > 0) history.shareTime(true);
    }
  } catch (thrown) {
    history.shareTime(false);
    throw thrown;
  }
}
