// Pass: passes its input on, optionally replaced by Result/Parameters (JSONPath) or Output (JSONata).
import { applyInputPath, finishWithResult, finishWithoutResult } from '../runtime/io.js';
import { nextOf, type StateHandler } from './handler.js';

/** The Pass state. */
export const passState: StateHandler = {
  async run(ctx, input) {
    const s = ctx.state;
    if (ctx.language === 'JSONata')
      return { ...(await finishWithoutResult(ctx, input, input)), next: nextOf(ctx) };
    const effective = applyInputPath(ctx, input);
    let result = effective;
    if (s.Result !== undefined) result = s.Result;
    else if (s.Parameters !== undefined) result = ctx.payload(s.Parameters, effective);
    return { ...(await finishWithResult(ctx, input, result, { selector: false })), next: nextOf(ctx) };
  },
};
