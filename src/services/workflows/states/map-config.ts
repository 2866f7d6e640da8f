// Map state settings read at run time: the items, MaxConcurrency and the tolerated failure limits,
// each in its literal, *Path or JSONata form, with AWS's error texts.
import { QueryEvaluationError, RuntimeError } from '../errors/runtime-errors.js';
import { expressionOf } from '../jsonata/evaluate.js';
import type { StateContext } from '../runtime/state-context.js';
import type { BatcherSettings } from '../distributed/batcher.js';
import { readItems } from './map-reader.js';

function typeOfJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** The items a Map state iterates over. */
export async function mapItems(ctx: StateContext, input: unknown, effective: unknown): Promise<unknown[]> {
  const s = ctx.state;
  if (s.ItemReader) return readItems(ctx, input, effective);
  if (ctx.language === 'JSONata') {
    if (s.Items === undefined) {
      if (!Array.isArray(input))
        throw new QueryEvaluationError(
          ctx.cause(`Map state input must be an array but was: ${JSON.stringify(input)}`),
        );
      return input;
    }
    if (Array.isArray(s.Items)) return (await ctx.jsonata(s.Items, 'Items', { input })) as unknown[];
    const v = await ctx.jsonata(s.Items, 'Items', { input });
    if (!Array.isArray(v)) {
      throw new QueryEvaluationError(
        ctx.cause(
          `The JSONata expression '${expressionOf(s.Items) ?? String(s.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeOfJson(v)}' for value: ${JSON.stringify(v)}`,
        ),
      );
    }
    return v;
  }
  const items = s.ItemsPath !== undefined ? ctx.path(s.ItemsPath, effective) : effective;
  if (!Array.isArray(items))
    throw new RuntimeError(ctx.cause(`Map state input must be an array but was: ${JSON.stringify(items)}`));
  return items;
}

async function numeric(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
  name: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage',
): Promise<number | undefined> {
  const s = ctx.state;
  const literal = s[name];
  const integer = name !== 'ToleratedFailurePercentage';
  if (typeof literal === 'number') return literal;
  if (literal !== undefined && ctx.language === 'JSONata') {
    const v = await ctx.jsonata(literal, name, { input });
    if (typeof v !== 'number')
      throw new QueryEvaluationError(
        ctx.cause(
          `The JSONata expression specified for the field '${name}' must return a number, but was: ${JSON.stringify(v)}`,
        ),
      );
    return v;
  }
  const path = s[`${name}Path`];
  if (path === undefined) return undefined;
  let v = ctx.path(path, effective);
  // A numeric string (e.g. from a variable assigned "1") is accepted, as on AWS.
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
  if (typeof v !== 'number' || (integer && !Number.isInteger(v))) {
    const shown = typeof v === 'string' ? v : JSON.stringify(v);
    throw new RuntimeError(
      ctx.cause(
        `The ${name}Path field refers to value "${shown}" which is not a valid ${integer ? 'integer' : 'float'}: ${path}`,
      ),
    );
  }
  return v;
}

/** The concurrency and failure limits of a Map run. */
export interface MapLimits {
  maxConcurrency: number;
  toleratedCount: number | undefined;
  toleratedPercentage: number | undefined;
}

/** Reads and checks MaxConcurrency and the ToleratedFailure* settings. */
export async function mapMaxConcurrency(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
): Promise<number> {
  return (await numeric(ctx, input, effective, 'MaxConcurrency')) ?? 0;
}

/** Reads and checks the ToleratedFailure* settings (AWS reads them after MapStateStarted). */
export async function mapLimits(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
  maxConcurrency: number,
): Promise<MapLimits> {
  const toleratedCount = await numeric(ctx, input, effective, 'ToleratedFailureCount');
  const toleratedPercentage = await numeric(ctx, input, effective, 'ToleratedFailurePercentage');
  if (toleratedCount !== undefined && toleratedCount < 0)
    throw new RuntimeError(ctx.cause('ToleratedFailureCount cannot be negative.'));
  if (toleratedPercentage !== undefined && (toleratedPercentage < 0 || toleratedPercentage > 100)) {
    throw new RuntimeError(ctx.cause('ToleratedFailurePercentage must be between 0 and 100.'));
  }
  return { maxConcurrency, toleratedCount, toleratedPercentage };
}

/** ItemBatcher with its limits and BatchInput evaluated (literal, `*Path`, payload template or JSONata). */
export async function batcherSettings(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
): Promise<BatcherSettings | undefined> {
  const b = ctx.state.ItemBatcher as Record<string, unknown> | undefined;
  if (!b) return undefined;
  const read = async (name: 'MaxItemsPerBatch' | 'MaxInputBytesPerBatch'): Promise<number | undefined> => {
    const literal = b[name];
    if (typeof literal === 'number') return literal;
    let v: unknown;
    if (literal !== undefined && ctx.language === 'JSONata')
      v = await ctx.jsonata(literal, `ItemBatcher/${name}`, { input });
    else if (typeof b[`${name}Path`] === 'string') v = ctx.path(b[`${name}Path`] as string, effective);
    else return undefined;
    if (typeof v === 'string' && /^\d+$/.test(v)) v = Number(v);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new RuntimeError(
        ctx.cause(`The ItemBatcher field ${name} must be a positive integer, but was: ${JSON.stringify(v)}`),
      );
    return v;
  };
  let batchInput = b.BatchInput;
  if (batchInput !== undefined) {
    batchInput =
      ctx.language === 'JSONata'
        ? await ctx.jsonata(batchInput, 'ItemBatcher/BatchInput', { input })
        : ctx.payload(batchInput, effective);
  }
  return {
    MaxItemsPerBatch: await read('MaxItemsPerBatch'),
    MaxInputBytesPerBatch: await read('MaxInputBytesPerBatch'),
    BatchInput: batchInput,
  };
}
