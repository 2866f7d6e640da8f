// Parallel: runs every branch on the same input, concurrently; the result is the array of branch
// outputs. The first failing branch aborts the others and fails the state.
import { runBlock } from '../runtime/run-block.js';
import { childFrame, linkedController } from '../runtime/child-frame.js';
import { applyInputPath, finishWithResult } from '../runtime/io.js';
import { nextOf, type StateHandler } from './handler.js';

/** The Parallel state. */
export const parallelState: StateHandler = {
  async run(ctx, input) {
    const s = ctx.state;
    let branchInput: unknown;
    if (ctx.language === 'JSONata') {
      branchInput =
        s.Arguments !== undefined ? await ctx.jsonata(s.Arguments, 'Arguments', { input }) : input;
    } else {
      const effective = applyInputPath(ctx, input);
      branchInput = s.Parameters !== undefined ? ctx.payload(s.Parameters, effective) : effective;
    }
    const h = ctx.env.history;
    h.add('ParallelStateStarted');
    const controller = linkedController(ctx.frame.signal);
    const runs = (s.Branches ?? []).map((branch) =>
      runBlock(childFrame(ctx.frame, branch, controller.signal), branchInput).catch((e: unknown) => {
        controller.abort(e);
        throw e;
      }),
    );
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const result = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
    return { ...(await finishWithResult(ctx, input, result)), next: nextOf(ctx) };
  },
};
