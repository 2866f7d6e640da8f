// Succeed: ends the block (the execution, a branch or an iteration) successfully.
import { applyInputPath, finishWithoutResult } from '../runtime/io.js';
import type { StateHandler } from './handler.js';

/** The Succeed state. */
export const succeedState: StateHandler = {
  async run(ctx, input) {
    const effective = ctx.language === 'JSONata' ? input : applyInputPath(ctx, input);
    return { ...(await finishWithoutResult(ctx, input, effective)), next: undefined };
  },
};
