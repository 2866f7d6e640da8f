// Input and output processing shared by the states
// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html and
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
import { ResultPathMatchFailureError } from '../errors/runtime-errors.js';
import { setReference } from '../jsonpath/reference.js';
import type { StateOutcome } from '../states/handler.js';
import type { StateContext } from './state-context.js';

/** JSONPath InputPath: `$` by default, `null` gives `{}`. */
export function applyInputPath(ctx: StateContext, input: unknown): unknown {
  const p = ctx.state.InputPath;
  if (p === null) return {};
  if (p === undefined || p === '$') return input;
  return ctx.path(p, input);
}

/** JSONPath OutputPath: `$` by default, `null` gives `{}`. */
export function applyOutputPath(ctx: StateContext, output: unknown): unknown {
  const p = ctx.state.OutputPath;
  if (p === null) return {};
  if (p === undefined || p === '$') return output;
  return ctx.path(p, output);
}

/** JSONPath ResultPath: where the result goes in the raw input (`$` replaces, `null` discards). */
export function applyResultPath(
  ctx: StateContext,
  rawInput: unknown,
  result: unknown,
  resultPath: string | null | undefined,
): unknown {
  if (resultPath === null) return rawInput;
  if (resultPath === undefined || resultPath === '$') return result;
  try {
    return setReference(rawInput, resultPath, result);
  } catch {
    throw new ResultPathMatchFailureError(
      ctx.cause(`Unable to apply ResultPath '${resultPath}' to input '${JSON.stringify(rawInput)}'.`),
    );
  }
}

/** What a state produced: its output and the variables it assigns (applied after it ends). */
export interface Finished {
  output: unknown;
  assign?: Record<string, unknown>;
}

/** JSONata's Assign and Output over `binding`; the output defaults to `fallback`. */
async function finishJsonata(
  ctx: StateContext,
  binding: { input: unknown; result?: unknown },
  fallback: unknown,
): Promise<Finished> {
  const s = ctx.state;
  const assign = s.Assign
    ? ((await ctx.jsonata(s.Assign, 'Assign', binding)) as Record<string, unknown>)
    : undefined;
  const output = s.Output !== undefined ? await ctx.jsonata(s.Output, 'Output', binding) : fallback;
  return { output, assign };
}

/**
 * Finishes a state that produced `result` from `rawInput`: JSONPath runs ResultSelector, Assign,
 * ResultPath and OutputPath; JSONata runs Assign and Output (default: the result). JSONPath finishes
 * synchronously (no promise per state on the hot path); callers `await` either way.
 */
export function finishWithResult(
  ctx: StateContext,
  rawInput: unknown,
  result: unknown,
  opts: { selector?: boolean } = {},
): Finished | Promise<Finished> {
  if (ctx.language === 'JSONata') return finishJsonata(ctx, { input: rawInput, result }, result);
  return pathOutcomeWithResult(ctx, rawInput, result, undefined, opts.selector !== false);
}

/** Finishes a state without a result (Choice, Wait, Succeed): output is the input. */
export function finishWithoutResult(
  ctx: StateContext,
  rawInput: unknown,
  effective: unknown,
): Finished | Promise<Finished> {
  if (ctx.language === 'JSONata') return finishJsonata(ctx, { input: rawInput }, rawInput);
  return pathOutcomeWithoutResult(ctx, effective, undefined);
}

/**
 * JSONPath only: the outcome of a state that produced `result` from `rawInput` (ResultSelector unless
 * `selector` is false, Assign, ResultPath, OutputPath) going to `next`, built as one object because
 * it runs once per state.
 */
export function pathOutcomeWithResult(
  ctx: StateContext,
  rawInput: unknown,
  result: unknown,
  next: string | undefined,
  selector = true,
): StateOutcome {
  const s = ctx.state;
  const selected =
    selector && s.ResultSelector !== undefined ? ctx.payload(s.ResultSelector, result) : result;
  const assign = s.Assign ? (ctx.payload(s.Assign, selected) as Record<string, unknown>) : undefined;
  const merged = applyResultPath(ctx, rawInput, selected, s.ResultPath);
  return { output: applyOutputPath(ctx, merged), assign, next };
}

/** JSONPath only: the outcome of a state without a result (its output is its effective input). */
export function pathOutcomeWithoutResult(
  ctx: StateContext,
  effective: unknown,
  next: string | undefined,
): StateOutcome {
  const s = ctx.state;
  const assign = s.Assign ? (ctx.payload(s.Assign, effective) as Record<string, unknown>) : undefined;
  return { output: applyOutputPath(ctx, effective), assign, next };
}
