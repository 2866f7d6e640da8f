// Fail: ends the execution with Error and Cause (literal, *Path with intrinsics, or JSONata).
import { StatesError } from '../errors/states-error.js';
import { evaluateDynamic } from '../jsonpath/payload.js';
import type { StateContext } from '../runtime/state-context.js';
import type { StateHandler } from './handler.js';

/** The error a Fail state raises; `error`/`cause` may be absent, as AWS allows. */
export class FailStateError extends StatesError {
  constructor(
    error: string | undefined,
    cause: string | undefined,
    readonly hasError = error !== undefined,
  ) {
    super(error ?? '', cause);
  }
}

async function field(
  ctx: StateContext,
  input: unknown,
  name: 'Error' | 'Cause',
): Promise<string | undefined> {
  const s = ctx.state;
  const literal = s[name];
  if (ctx.language === 'JSONata') {
    return literal === undefined ? undefined : String(await ctx.jsonata(literal, name, { input }));
  }
  const path = s[`${name}Path`];
  if (path !== undefined) {
    const v = evaluateDynamic(path, `${name}Path`, ctx.sources(input));
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  return literal;
}

/** The Fail state. */
export const failState: StateHandler = {
  async run(ctx, input) {
    const error = await field(ctx, input, 'Error');
    const cause = await field(ctx, input, 'Cause');
    throw new FailStateError(error, cause);
  },
};
