// The contract every state type implements.
import type { StateDefinition } from '../asl/types.js';
import type { Finished } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';

/** What a state did: its output, variables to assign, and the next state (undefined ends the block). */
export interface StateOutcome extends Finished {
  next: string | undefined;
}

/**
 * One state type. `run` gets the raw state input and does all input/output processing. A state whose
 * work is synchronous (Pass, Choice, Succeed, Fail in JSONPath mode) returns or throws directly: the
 * interpreter then runs it without a promise, which is most of a short state's cost.
 */
export interface StateHandler {
  run(ctx: StateContext, input: unknown): StateOutcome | Promise<StateOutcome>;
  /**
   * True when a state of this type defined as `def` outputs its input unchanged, assigns nothing and
   * cannot fail: the interpreter then records its events without calling `run` (asked once per state).
   */
  passesThrough?(def: StateDefinition): boolean;
}

/** The Next of a state that ends normally (undefined when End is true). */
export function nextOf(ctx: StateContext): string | undefined {
  return ctx.state.End ? undefined : ctx.state.Next;
}
