// Distributed Map's ItemReader and ResultWriter are served by hooks (the Distributed Map issue plugs in
// S3 reading and result manifests); the engine evaluates their Parameters/Arguments and calls them.
import type { MapRunHost } from '../distributed/host.js';
import type { ChildOutcome } from '../distributed/result-writer.js';
import { RuntimeError } from '../errors/runtime-errors.js';
import type { StateContext } from '../runtime/state-context.js';

/** What a Map run hook is told. */
export interface MapRunContext {
  executionArn: string;
  stateName: string;
  signal: AbortSignal;
  /** The map run whose results are written, and its child state machine. */
  mapRunArn?: string;
  childMachineArn?: string;
}

/** Hooks for Distributed Map features that need other services (S3). */
export interface MapRunHooks {
  /** The items an ItemReader (with its Parameters/Arguments evaluated) names. */
  readItems(reader: Record<string, unknown>, ctx: MapRunContext): Promise<unknown[]>;
  /** Stores the children's outcomes as a ResultWriter says; resolves with the Map state's result. */
  writeResults?(
    writer: Record<string, unknown>,
    outcomes: ChildOutcome[],
    ctx: MapRunContext,
  ): Promise<unknown>;
  /** Where children run as child executions (absent: in memory, see distributed/host.ts). */
  host?: MapRunHost;
}

function runContext(ctx: StateContext): MapRunContext {
  return { executionArn: ctx.env.identity.Execution.Id, stateName: ctx.name, signal: ctx.frame.signal };
}

async function evaluated(
  ctx: StateContext,
  config: Record<string, unknown>,
  input: unknown,
  effective: unknown,
): Promise<Record<string, unknown>> {
  const out = { ...config };
  if (ctx.language === 'JSONata') {
    if (config.Arguments !== undefined)
      out.Arguments = await ctx.jsonata(config.Arguments, 'ItemReader/Arguments', { input });
  } else if (config.Parameters !== undefined) out.Parameters = ctx.payload(config.Parameters, effective);
  return out;
}

/** Items from the ItemReader. */
export async function readItems(ctx: StateContext, input: unknown, effective: unknown): Promise<unknown[]> {
  const hooks = ctx.env.mapRuns;
  if (!hooks)
    throw new RuntimeError(
      ctx.cause('ItemReader is not available: this engine runs without Distributed Map support.'),
    );
  return hooks.readItems(await evaluated(ctx, ctx.state.ItemReader!, input, effective), runContext(ctx));
}

/** A child's entry in the Map state's result array: its output, or `{ Error, Cause }` when it failed. */
export function resultOf(o: ChildOutcome): unknown {
  if (o.status === 'SUCCEEDED') return o.output;
  if (o.status === 'PENDING') return null;
  return { Error: o.error ?? o.status, Cause: o.cause ?? '' };
}

/** The Map result after the ResultWriter stored the outcomes (or the results when there is no writer). */
export async function writeResults(
  ctx: StateContext,
  outcomes: ChildOutcome[],
  input: unknown,
  effective: unknown,
  run?: { mapRunArn: string; childMachineArn: string },
): Promise<unknown> {
  const writer = ctx.state.ResultWriter;
  if (!writer) return outcomes.map(resultOf);
  const hooks = ctx.env.mapRuns;
  if (!hooks?.writeResults)
    throw new RuntimeError(
      ctx.cause('ResultWriter is not available: this engine runs without Distributed Map support.'),
    );
  return hooks.writeResults(await evaluated(ctx, writer, input, effective), outcomes, {
    ...runContext(ctx),
    ...run,
  });
}
