// Where a Distributed Map's children run. The engine asks a MapRunHost to open a map run and launches
// each child through it; the workflows service's host makes children real executions (durable, listed,
// described, resumed after a restart), and without a service `inProcessHost` runs them in memory.
import { randomUUID } from 'node:crypto';
import type { StateMachineDefinition } from '../asl/types.js';
import type { ChildLauncher, MapRunLimits, MapRunProgress } from './map-run.js';
import { childExecutionArn, childName, mapRunArns } from './arns.js';
import type { ChildOutcome } from './result-writer.js';
import type { ExecutionEnv } from '../runtime/env.js';
import { startExecution } from '../runtime/execution.js';

/** What the engine tells a host about a map run it opens. */
export interface MapRunSpec {
  parentArn: string;
  stateName: string;
  /** The Map state's Label, else its name. */
  label: string;
  /** The child state machine (the ItemProcessor, with the query language it inherits). */
  definition: StateMachineDefinition;
  executionType: 'STANDARD' | 'EXPRESS';
  limits: MapRunLimits;
  /** Items each child carries (1, or a batch's length). */
  sizes: number[];
}

/** Something that can change a running map run's limits (the scheduler). */
export interface MapRunControl {
  readonly current: MapRunLimits;
  update(change: Partial<MapRunLimits>): void;
}

/** One open map run. */
export interface MapRunHandle {
  readonly mapRunArn: string;
  readonly childMachineArn: string;
  /** Outcomes of children that ended before a restart (by index): not run again. */
  readonly known: ReadonlyMap<number, ChildOutcome>;
  /** The limits to start with (a resumed run keeps what UpdateMapRun set). */
  readonly limits: MapRunLimits;
  launch: ChildLauncher;
  /** Called on every count change; the host decides how often to publish. */
  progress(progress: MapRunProgress): void;
  /** Lets UpdateMapRun reach the scheduler. */
  attach(control: MapRunControl): void;
  /** The run ended. */
  end(status: 'SUCCEEDED' | 'FAILED' | 'ABORTED', progress: MapRunProgress): void;
}

/** Opens map runs. */
export interface MapRunHost {
  open(spec: MapRunSpec): MapRunHandle;
}

/** Runs children as in-memory executions of the same engine (no listing, no durability). */
export function inProcessHost(env: ExecutionEnv): MapRunHost {
  return {
    open(spec) {
      const { mapRunArn, childMachineArn } = mapRunArns(spec.parentArn, spec.label, randomUUID());
      const express = spec.executionType === 'EXPRESS';
      return {
        mapRunArn,
        childMachineArn,
        known: new Map(),
        limits: spec.limits,
        async launch(index, input, signal) {
          const name = childName(mapRunArn, index);
          const executionArn = childExecutionArn(childMachineArn, name, express, randomUUID());
          const child = startExecution(spec.definition, input, {
            clock: env.clock,
            invoker: env.invoker,
            tokens: env.tokens,
            region: env.region,
            accountId: env.accountId,
            stateMachineArn: childMachineArn,
            executionArn,
            name,
            type: spec.executionType,
            mapRuns: env.mapRuns,
          });
          const stop = () => child.abort('States.MapRunAborted');
          signal.addEventListener('abort', stop, { once: true });
          const end = await child.result.finally(() => signal.removeEventListener('abort', stop));
          return {
            status: end.status,
            input,
            output: end.output,
            error: end.error,
            cause: end.cause,
            name,
            executionArn,
            startDate: new Date(child.startTime),
            stopDate: new Date(env.clock.now()),
          };
        },
        progress: () => undefined,
        attach: () => undefined,
        end: () => undefined,
      };
    },
  };
}
