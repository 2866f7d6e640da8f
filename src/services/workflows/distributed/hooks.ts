// The MapRunHooks the workflow engine calls for Distributed Map, backed by an S3-shaped store. The
// workflows service builds them once:
//   const s3 = context.lookup<Service & MapObjectStore>('storage');
//   startExecution(..., { mapRuns: s3 && createMapRunHooks(s3) })
import { randomUUID } from 'node:crypto';
import type { MapRunContext, MapRunHooks } from '../states/map-reader.js';
import { readItems } from './item-reader.js';
import type { MapObjectStore } from './object-store.js';
import { writeResults, type ChildOutcome, type MapRunInfo } from './result-writer.js';

/**
 * The engine hands the writer each child's result, with a failed child's result as `{ Error, Cause }`
 * (states/map.ts). Until it passes statuses, that exact shape is read as a failure.
 */
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

/** Distributed Map hooks reading and writing through `store`. */
export function createMapRunHooks(store: MapObjectStore): MapRunHooks {
  return {
    readItems: (reader) => readItems(store, reader),
    writeResults: (writer, results, ctx) => writeResults(store, writer, outcomesOf(results), mapRunInfo(ctx)),
  };
}
