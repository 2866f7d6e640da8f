// What a state outputs when a Catch handles its error: the error output `{Error, Cause}` placed by
// ResultPath (JSONPath) or shaped by Output/Assign with `$states.errorOutput` (JSONata).
import type { Catcher } from '../asl/types.js';
import type { StatesError } from '../errors/states-error.js';
import { applyResultPath, type Finished } from './io.js';
import type { StateContext } from './state-context.js';

/** The `{Error, Cause}` object a catcher sees. */
export function errorOutput(error: StatesError): Record<string, unknown> {
  const out: Record<string, unknown> = { Error: error.error };
  if (error.causeText !== undefined) out.Cause = error.causeText;
  return out;
}

/** The output and assignments of `catcher` for `error`, given the state's raw input. */
export async function applyCatcher(
  ctx: StateContext,
  catcher: Catcher,
  input: unknown,
  error: StatesError,
): Promise<Finished> {
  const errOut = errorOutput(error);
  if (ctx.language === 'JSONata') {
    const binding = { input, errorOutput: errOut };
    const assign = catcher.Assign
      ? ((await ctx.jsonata(catcher.Assign, 'Catch/Assign', binding)) as Record<string, unknown>)
      : undefined;
    const output =
      catcher.Output !== undefined ? await ctx.jsonata(catcher.Output, 'Catch/Output', binding) : errOut;
    return { output, assign };
  }
  const assign = catcher.Assign
    ? (ctx.payload(catcher.Assign, errOut) as Record<string, unknown>)
    : undefined;
  return { output: applyResultPath(ctx, input, errOut, catcher.ResultPath), assign };
}
