// A DISTRIBUTED Map's run: each item (or batch) a child execution of the ItemProcessor, on the host the
// hooks provide (the service's durable map runs, else in memory), scheduled by MapRunScheduler. The
// parent history gets MapRunStarted and then MapRunSucceeded, MapRunFailed (States.ExceedToleratedFailureThreshold)
// or MapRunAborted, as AWS records them.
import type { StateMachineDefinition, StatesBlock } from '../asl/types.js';
import { inProcessHost } from '../distributed/host.js';
import { MapRunScheduler, type MapRunProgress } from '../distributed/map-run.js';
import { fileOf, type ChildOutcome } from '../distributed/result-writer.js';
import { ToleratedFailureExceededError } from '../errors/task-errors.js';
import type { StateContext } from '../runtime/state-context.js';
import type { MapLimits } from './map-config.js';
import { writeResults } from './map-reader.js';

// AWS's cause for a map run that failed more items than it tolerates.
const EXCEEDED = 'The specified tolerated failure threshold was exceeded';

/** Runs the children and resolves with the Map state's result (before ResultPath and friends). */
export async function runDistributed(
  ctx: StateContext,
  processor: StatesBlock,
  inputs: unknown[],
  sizes: number[],
  limits: MapLimits,
  input: unknown,
  effective: unknown,
): Promise<unknown> {
  const h = ctx.env.history;
  const host = ctx.env.mapRuns?.host ?? inProcessHost(ctx.env);
  const { ProcessorConfig, ...block } = processor;
  const definition = {
    ...block,
    QueryLanguage: processor.QueryLanguage ?? ctx.frame.queryLanguage,
  } as StateMachineDefinition;
  const handle = host.open({
    parentArn: ctx.env.identity.Execution.Id,
    stateName: ctx.name,
    label: typeof ctx.state.Label === 'string' && ctx.state.Label ? ctx.state.Label : ctx.name,
    definition,
    executionType: ProcessorConfig?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    limits: {
      maxConcurrency: limits.maxConcurrency,
      toleratedFailureCount: limits.toleratedCount,
      toleratedFailurePercentage: limits.toleratedPercentage,
    },
    sizes,
  });
  h.add('MapRunStarted', { mapRunArn: handle.mapRunArn });
  const scheduler = new MapRunScheduler(inputs, sizes, handle.limits, handle.known, handle.launch, (p) =>
    handle.progress(p),
  );
  handle.attach(scheduler);
  const end = await scheduler.run(ctx.frame.signal);
  const progress = scheduler.progress;
  const run = { mapRunArn: handle.mapRunArn, childMachineArn: handle.childMachineArn };
  if (end.aborted) {
    handle.end('ABORTED', progress);
    h.add('MapRunAborted');
    throw ctx.frame.signal.reason;
  }
  if (end.exceeded) {
    // AWS still exports what the children did when the run fails (PENDING_ lists those never started).
    await writeResults(ctx, end.outcomes, input, effective, run).then(
      () => countWritten(ctx, progress, end.outcomes, sizes),
      () => undefined,
    );
    handle.end('FAILED', progress);
    h.add('MapRunFailed', { error: 'States.ExceedToleratedFailureThreshold', cause: EXCEEDED });
    throw new ToleratedFailureExceededError(EXCEEDED);
  }
  let result: unknown;
  try {
    result = await writeResults(ctx, end.outcomes, input, effective, run);
  } catch (error) {
    handle.end('FAILED', progress);
    throw error;
  }
  countWritten(ctx, progress, end.outcomes, sizes);
  handle.end('SUCCEEDED', progress);
  h.add('MapRunSucceeded');
  return result;
}

/** resultsWritten: the children (and their items) an exporting ResultWriter wrote to S3. */
function countWritten(
  ctx: StateContext,
  progress: MapRunProgress,
  outcomes: ChildOutcome[],
  sizes: number[],
): void {
  if (ctx.state.ResultWriter?.Resource === undefined) return;
  outcomes.forEach((o, i) => {
    if (fileOf(o) === 'PENDING') return;
    progress.executionCounts.resultsWritten++;
    progress.itemCounts.resultsWritten += sizes[i];
  });
}
