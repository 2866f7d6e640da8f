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

/** Error or Cause of a JSONPath Fail state: the literal, or its *Path (with intrinsics). */
function pathField(ctx: StateContext, input: unknown, name: 'Error' | 'Cause'): string | undefined {
  const s = ctx.state;
  const path = s[`${name}Path`];
  if (path !== undefined) {
    const v = evaluateDynamic(path, `${name}Path`, ctx.sources(input));
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  return s[name];
}

async function jsonataField(
  ctx: StateContext,
  input: unknown,
  name: 'Error' | 'Cause',
): Promise<string | undefined> {
  const literal = ctx.state[name];
  return literal === undefined ? undefined : String(await ctx.jsonata(literal, name, { input }));
}

async function failJsonata(ctx: StateContext, input: unknown): Promise<never> {
  const error = await jsonataField(ctx, input, 'Error');
  const cause = await jsonataField(ctx, input, 'Cause');
  throw new FailStateError(error, cause);
}

/** The Fail state (throws synchronously in JSONPath mode). */
export const failState: StateHandler = {
  run(ctx, input) {
    if (ctx.language === 'JSONata') return failJsonata(ctx, input);
    throw new FailStateError(pathField(ctx, input, 'Error'), pathField(ctx, input, 'Cause'));
  },
};
