// A map run's child execution as the ExecutionManager runs it: its row (with the map run and item
// count ListExecutions reports) and the machine it runs, the Map state's ItemProcessor.
import { randomUUID } from 'node:crypto';
import type { ExecutionRow } from '../../../store/executions.js';
import type { StateMachineDefinition } from '../index.js';
import type { Machine } from './machines.js';

/** A child execution of a map run (services/workflows/service/map-runs.ts starts them). */
export interface ChildStart {
  parentArn: string;
  /** The child state machine, `...:stateMachine:<machine>/<label>`. */
  machineArn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: StateMachineDefinition;
  definitionText: string;
  input: unknown;
  mapRunArn: string;
  itemCount: number;
}

/** The parent machine of a map run's child machine (`<machine>/<label>` → `<machine>`). */
export function machineOfChild(childMachineArn: string): string {
  return childMachineArn.replace(/\/[^:]*$/, '');
}

/** The new child's RUNNING row, under its parent's trace id. */
export function childRow(child: ChildStart, arn: string, now: number, parent?: ExecutionRow): ExecutionRow {
  return {
    arn,
    stateMachineArn: child.machineArn,
    name: child.name,
    status: 'RUNNING',
    definition: child.definitionText,
    input: JSON.stringify(child.input ?? null),
    startDate: now,
    traceId: parent?.traceId ?? randomUUID(),
    revision: parent?.revision ?? '',
    mapRunArn: child.mapRunArn,
    itemCount: child.itemCount,
  };
}

/** The machine a child runs (its role is the parent machine's). */
export function childMachine(child: ChildStart, row: ExecutionRow, roleArn: string): Machine {
  return {
    arn: child.machineArn,
    name: child.machineArn.split(':')[6],
    definition: child.definitionText,
    type: child.type,
    roleArn,
    origin: 'api',
    created: row.startDate,
    updated: row.startDate,
    revision: row.revision,
    parsed: child.definition as Machine['parsed'],
  };
}
