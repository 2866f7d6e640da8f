// Map: runs the ItemProcessor once per item (inline: events in this history; distributed: each item or
// batch a child execution of a map run, map-distributed.ts), with ItemSelector, ItemBatcher and
// MaxConcurrency; a distributed map also has ItemReader, ResultWriter and tolerated failures.
import type { StatesBlock } from '../asl/types.js';
import { toStatesError, type StatesError } from '../errors/states-error.js';
import { childFrame, linkedController } from '../runtime/child-frame.js';
import { applyInputPath, finishWithResult } from '../runtime/io.js';
import { runBlock } from '../runtime/run-block.js';
import type { StateContext } from '../runtime/state-context.js';
import { nextOf, type StateHandler } from './handler.js';
import { batcherSettings, mapItems, mapLimits, mapMaxConcurrency } from './map-config.js';
import { runDistributed } from './map-distributed.js';
import { batchItems } from '../distributed/batcher.js';
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
    const batcher = await batcherSettings(ctx, input, effective);
    items = batcher ? batchItems(batcher, inputs) : inputs;
    h.add('MapStateStarted', { length: items.length });
    const limits = await mapLimits(ctx, input, effective, maxConcurrency);
    let result: unknown;
    if (distributed) {
      const sizes = s.ItemBatcher
        ? items.map((b) => (b as { Items: unknown[] }).Items.length)
        : items.map(() => 1);
      result = await runDistributed(ctx, processor, items, sizes, limits, input, effective);
    } else result = await runInline(ctx, processor, items, limits.maxConcurrency);
    h.add('MapStateSucceeded');
    return { ...(await finishWithResult(ctx, input, result)), next: nextOf(ctx) };
  },
};

const INLINE_MAX_CONCURRENCY = 40;

/** An inline Map: iterations in this history; the first failure fails the state. */
async function runInline(
  ctx: StateContext,
  processor: StatesBlock,
  items: unknown[],
  maxConcurrency: number,
): Promise<unknown[]> {
  const h = ctx.env.history;
  const controller = linkedController(ctx.frame.signal);
  const results: unknown[] = new Array(items.length);
  let failure: StatesError | undefined;
  // "In Inline mode, the Map state supports up to 40 concurrent iterations" (state-map-inline.html);
  // the cap also keeps a 10,000-item Map from holding 10,000 iterations in memory at once.
  const width =
    maxConcurrency > 0 && maxConcurrency < INLINE_MAX_CONCURRENCY ? maxConcurrency : INLINE_MAX_CONCURRENCY;
  await pool(items.length, width, async (i) => {
    if (controller.signal.aborted) return;
    const frame = childFrame(ctx.frame, processor, controller.signal, { Index: i, Value: items[i] });
    h.add('MapIterationStarted', { name: ctx.name, index: i });
    try {
      results[i] = await runBlock(frame, items[i]);
      h.add('MapIterationSucceeded', { name: ctx.name, index: i });
    } catch (e) {
      if (controller.signal.aborted) {
        h.add('MapIterationAborted', { name: ctx.name, index: i });
        return;
      }
      h.add('MapIterationFailed', { name: ctx.name, index: i });
      failure ??= toStatesError(e);
      controller.abort(failure);
    }
  });
  if (failure) throw failure;
  return results;
}
