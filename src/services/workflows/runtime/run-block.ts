// Runs a list of states (the machine, a Parallel branch, a Map iteration) from StartAt to its end.
import type { Frame, Transition } from './env.js';
import { runState } from './run-state.js';

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
  let name: string = startAt;
  let data = input;
  let resuming = resumed;
  for (;;) {
    if (frame.signal.aborted) throw frame.signal.reason;
    // A resumed state is recorded as it was (with its checkpoint), so a second crash resumes it alike.
    if (frame.topLevel)
      frame.env.onTransition?.(resuming ?? { stateName: name, input: data, variables: frame.scope.own() });
    const outcome = await runState(frame, name, data, resuming);
    resuming = undefined;
    data = outcome.output;
    if (outcome.next === undefined) return data;
    name = outcome.next;
  }
}
