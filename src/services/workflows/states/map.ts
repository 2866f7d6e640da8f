// Map: runs the ItemProcessor once per item (inline: events in this history; distributed: each item a
// child run, summarised as a map run), with ItemSelector, ItemBatcher, MaxConcurrency and tolerated
// failures. Distributed Map's ItemReader/ResultWriter come with the Distributed Map issue.
import type { StatesBlock } from '../asl/types.js';
import { toStatesError, type StatesError } from '../errors/states-error.js';
import { ToleratedFailureExceededError } from '../errors/task-errors.js';
import { childFrame, linkedController } from '../runtime/child-frame.js';
import type { Frame } from '../runtime/env.js';
import { History } from '../runtime/history.js';
import { applyInputPath, finishWithResult } from '../runtime/io.js';
import { runBlock } from '../runtime/run-block.js';
import type { StateContext } from '../runtime/state-context.js';
import { nextOf, type StateHandler } from './handler.js';
import { mapItems, mapLimits, mapMaxConcurrency } from './map-config.js';
import { writeResults } from './map-reader.js';
import { evaluatePayload } from '../jsonpath/payload.js';
import { evaluateTemplate } from '../jsonata/evaluate.js';

async function itemInput(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
  index: number,
  value: unknown,
): Promise<unknown> {
  const s = ctx.state;
  const selector = s.ItemSelector ?? (ctx.language === 'JSONPath' ? s.Parameters : undefined);
  if (selector === undefined) return value;
  const item = { Index: index, Value: value };
  if (ctx.language === 'JSONata') {
    const scope = ctx.scope({ input });
    (scope.states.context as Record<string, unknown>).Map = { Item: item };
    return evaluateTemplate(selector, 'ItemSelector', scope);
  }
  const sources = ctx.sources(effective);
  sources.context = { ...(sources.context as object), Map: { Item: item } };
  return evaluatePayload(selector, sources);
}

/** Runs `count` jobs with at most `limit` at a time (0: all at once). */
async function pool(count: number, limit: number, job: (i: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  const width = limit > 0 ? Math.min(limit, count) : count;
  const workers = Array.from({ length: width }, async () => {
    while (nextIndex < count) await job(nextIndex++);
  });
  await Promise.all(workers);
}

/** The Map state. */
export const mapState: StateHandler = {
  async run(ctx, input) {
    const s = ctx.state;
    const effective = ctx.language === 'JSONata' ? input : applyInputPath(ctx, input);
    let items = await mapItems(ctx, input, effective);
    const maxConcurrency = await mapMaxConcurrency(ctx, input, effective);
    const processor = (s.ItemProcessor ?? s.Iterator) as StatesBlock;
    const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
    const h = ctx.env.history;
    const inputs: unknown[] = [];
    for (let i = 0; i < items.length; i++) inputs.push(await itemInput(ctx, input, effective, i, items[i]));
    items = batch(s.ItemBatcher, inputs);
    h.add('MapStateStarted', { length: items.length });
    const limits = await mapLimits(ctx, input, effective, maxConcurrency);
    const controller = linkedController(ctx.frame.signal);
    const results: unknown[] = new Array(items.length);
    const failures: StatesError[] = [];
    const tolerated = (n: number) =>
      distributed &&
      ((limits.toleratedCount !== undefined && n <= limits.toleratedCount) ||
        (limits.toleratedPercentage !== undefined &&
          (n / Math.max(1, items.length)) * 100 <= limits.toleratedPercentage));
    if (distributed) h.add('MapRunStarted', { mapRunArn: mapRunArn(ctx) });
    await pool(items.length, limits.maxConcurrency, async (i) => {
      if (controller.signal.aborted) return;
      const frame = iterationFrame(ctx, processor, controller.signal, i, items[i], distributed);
      if (!distributed) h.add('MapIterationStarted', { name: ctx.name, index: i });
      try {
        results[i] = await runBlock(frame, items[i]);
        if (!distributed) h.add('MapIterationSucceeded', { name: ctx.name, index: i });
      } catch (e) {
        if (controller.signal.aborted) {
          if (!distributed) h.add('MapIterationAborted', { name: ctx.name, index: i });
          return;
        }
        const error = toStatesError(e);
        if (!distributed) h.add('MapIterationFailed', { name: ctx.name, index: i });
        failures.push(error);
        results[i] = { Error: error.error, Cause: error.causeText };
        if (!tolerated(failures.length)) controller.abort(error);
      }
    });
    if (failures.length && !tolerated(failures.length)) {
      if (distributed) {
        h.add('MapRunFailed', {});
        throw new ToleratedFailureExceededError('The specified tolerated failure threshold was exceeded');
      }
      throw failures[0];
    }
    if (distributed) h.add('MapRunSucceeded');
    h.add('MapStateSucceeded');
    const result = await writeResults(ctx, results, input, effective);
    return { ...(await finishWithResult(ctx, input, result)), next: nextOf(ctx) };
  },
};

function iterationFrame(
  ctx: StateContext,
  processor: StatesBlock,
  signal: AbortSignal,
  index: number,
  value: unknown,
  distributed: boolean,
): Frame {
  const frame = childFrame(ctx.frame, processor, signal, { Index: index, Value: value });
  // A distributed iteration is a child execution: its events are not in this history.
  if (distributed) frame.env = { ...frame.env, history: new History(() => ctx.env.clock.now()) };
  return frame;
}

function batch(batcher: Record<string, unknown> | undefined, items: unknown[]): unknown[] {
  if (!batcher) return items;
  const size = typeof batcher.MaxItemsPerBatch === 'number' ? batcher.MaxItemsPerBatch : items.length || 1;
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push({
      ...(batcher.BatchInput ? { BatchInput: batcher.BatchInput } : {}),
      Items: items.slice(i, i + size),
    });
  }
  return out;
}

function mapRunArn(ctx: StateContext): string {
  const exec = ctx.env.identity.Execution.Id.replace(':execution:', ':mapRun:');
  return `${exec}/${ctx.name}:${Math.random().toString(16).slice(2, 10)}`;
}
