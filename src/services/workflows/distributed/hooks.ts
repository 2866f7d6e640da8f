// The MapRunHooks the workflow engine calls for Distributed Map: ItemReader and ResultWriter backed by
// an S3-shaped store, and the host its children run on. The workflows service builds them once:
//   const s3 = context.lookup<Service & MapObjectStore>('storage');
//   startExecution(..., { mapRuns: createMapRunHooks(s3, mapRunRegistry) })
import { randomUUID } from 'node:crypto';
import { RuntimeError } from '../errors/runtime-errors.js';
import type { MapRunContext, MapRunHooks } from '../states/map-reader.js';
import type { MapRunHost } from './host.js';
import { readItems } from './item-reader.js';
import type { MapObjectStore } from './object-store.js';
import { writeResults, type ChildOutcome, type MapRunInfo } from './result-writer.js';

/** Reads plain results (a failure as exactly `{ Error, Cause }`) as outcomes, for callers without statuses. */
export function outcomesOf(results: unknown[]): ChildOutcome[] {
  return results.map((result): ChildOutcome => {
    if (result === undefined) return { status: 'PENDING' };
    if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
      const keys = Object.keys(result);
      const r = result as { Error?: unknown; Cause?: unknown };
      if (
        keys.length <= 2 &&
        typeof r.Error === 'string' &&
        keys.every((k) => k === 'Error' || k === 'Cause')
      ) {
        return { status: 'FAILED', error: r.Error, cause: typeof r.Cause === 'string' ? r.Cause : undefined };
      }
    }
    return { status: 'SUCCEEDED', output: result };
  });
}

/** The map run's ARN and its child state machine's ARN, from the parent execution's ARN. */
export function mapRunInfo(ctx: MapRunContext, id: string = randomUUID()): MapRunInfo {
  // arn:aws:states:<region>:<account>:execution:<machine>:<name>
  const parts = ctx.executionArn.split(':');
  const machine = parts[6] ?? 'machine';
  const base = parts.slice(0, 5).join(':');
  return {
    mapRunArn: `${base}:mapRun:${machine}/${ctx.stateName}:${id}`,
    stateMachineArn: `${base}:stateMachine:${machine}/${ctx.stateName}`,
  };
}

/** Distributed Map hooks reading and writing through `store` (none: ItemReader/ResultWriter fail), children on `host`. */
export function createMapRunHooks(store: MapObjectStore | undefined, host?: MapRunHost): MapRunHooks {
  const s3 = () => {
    if (store) return store;
    throw new RuntimeError('ItemReader and ResultWriter need the local S3, which is not running.');
  };
  return {
    readItems: (reader) => readItems(s3(), reader),
    writeResults: (writer, outcomes, ctx) => {
      const run = ctx.mapRunArn
        ? {
            mapRunArn: ctx.mapRunArn,
            stateMachineArn: ctx.childMachineArn ?? mapRunInfo(ctx).stateMachineArn,
          }
        : mapRunInfo(ctx);
      // WriterConfig alone exports nothing, so it needs no store.
      return writeResults(
        writer.Resource === undefined ? (store as MapObjectStore) : s3(),
        writer,
        outcomes,
        run,
      );
    },
    host,
  };
}
