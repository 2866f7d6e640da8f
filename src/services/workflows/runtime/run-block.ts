// Runs a list of states (the machine, a Parallel branch, a Map iteration) from StartAt to its end.
import type { Frame } from './env.js';
import { runState } from './run-state.js';

/** Runs `frame`'s states on `input`, from `startAt` (default StartAt); resolves with the last output. */
export async function runBlock(
  frame: Frame,
  input: unknown,
  startAt = frame.block.StartAt,
): Promise<unknown> {
  let name: string = startAt;
  let data = input;
  for (;;) {
    if (frame.signal.aborted) throw frame.signal.reason;
    if (frame.topLevel)
      frame.env.onTransition?.({ stateName: name, input: data, variables: frame.scope.own() });
    const outcome = await runState(frame, name, data);
    data = outcome.output;
    if (outcome.next === undefined) return data;
    name = outcome.next;
  }
}
