// Succeed: ends the block (the execution, a branch or an iteration) successfully.
import { applyInputPath, finishWithoutResult, pathOutcomeWithoutResult } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';
import type { StateHandler, StateOutcome } from './handler.js';

async function runJsonata(ctx: StateContext, input: unknown): Promise<StateOutcome> {
  return { ...(await finishWithoutResult(ctx, input, input)), next: undefined };
}

/** The Succeed state (synchronous in JSONPath mode). */
export const succeedState: StateHandler = {
  run(ctx, input) {
    if (ctx.language === 'JSONata') return runJsonata(ctx, input);
    return pathOutcomeWithoutResult(ctx, applyInputPath(ctx, input), undefined);
  },
};
