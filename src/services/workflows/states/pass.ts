// Pass: passes its input on, optionally replaced by Result/Parameters (JSONPath) or Output (JSONata).
import { applyInputPath, finishWithoutResult, pathOutcomeWithResult } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';
import { nextOf, type StateHandler, type StateOutcome } from './handler.js';

async function runJsonata(ctx: StateContext, input: unknown): Promise<StateOutcome> {
  return { ...(await finishWithoutResult(ctx, input, input)), next: nextOf(ctx) };
}

/** The Pass state (synchronous in JSONPath mode). */
export const passState: StateHandler = {
  run(ctx, input) {
    if (ctx.language === 'JSONata') return runJsonata(ctx, input);
    const s = ctx.state;
    const effective = applyInputPath(ctx, input);
    let result = effective;
    if (s.Result !== undefined) result = s.Result;
    else if (s.Parameters !== undefined) result = ctx.payload(s.Parameters, effective);
    return pathOutcomeWithResult(ctx, input, result, nextOf(ctx), false);
  },
  passesThrough(def) {
    // No field that changes the data, in either query language (JSONata's output defaults to the input).
    const identityPath = (p: string | null | undefined) => p === undefined || p === '$';
    return (
      identityPath(def.InputPath) &&
      identityPath(def.ResultPath) &&
      identityPath(def.OutputPath) &&
      def.Parameters === undefined &&
      def.Result === undefined &&
      def.Output === undefined &&
      def.Assign === undefined
    );
  },
};
