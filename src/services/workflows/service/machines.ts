// The state machines the service runs: the template's (rebuilt on every apply) and the API's (stored, so
// they survive a restart). Each keeps its parsed definition so executions start without re-parsing.
import { randomUUID } from 'node:crypto';
import type { StateMachineRow, ExecutionStore } from '../../../store/executions.js';
import { AwsError } from '../../../shared/aws-error.js';
import { InvalidDefinitionError, parseDefinition, type StateMachineDefinition } from '../index.js';
import { stateMachineDoesNotExist } from './errors.js';

/** A runnable state machine. */
export interface Machine extends StateMachineRow {
  parsed: StateMachineDefinition;
  updated: number;
}

/** Parses and validates `text`; throws InvalidDefinition with the engine's diagnostics. */
export function compile(text: string): StateMachineDefinition {
  try {
    return parseDefinition(text);
  } catch (error) {
    // The engine's message is already AWS's: "Invalid State Machine Definition: 'CODE: msg at /path'".
    if (error instanceof InvalidDefinitionError) throw new AwsError('InvalidDefinition', error.message);
    throw error;
  }
}

/** State machines by ARN. */
export class MachineRegistry {
  private readonly byArn = new Map<string, Machine>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly now: () => number,
  ) {
    for (const row of store.machines()) {
      try {
        this.byArn.set(row.arn, { ...row, parsed: compile(row.definition), updated: row.created });
      } catch {
        // A stored definition the engine now rejects stays out until it is updated.
      }
    }
  }

  /** Every machine, by name. */
  list(): Machine[] {
    return [...this.byArn.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The machine, or undefined. */
  find(arn: string): Machine | undefined {
    return this.byArn.get(arn);
  }

  /** The machine, or StateMachineDoesNotExist. */
  get(arn: string): Machine {
    const machine = this.byArn.get(arn);
    if (!machine) throw stateMachineDoesNotExist(arn);
    return machine;
  }

  /** Adds or replaces a machine (API ones are stored); keeps its creation date on update. */
  put(row: Omit<StateMachineRow, 'created' | 'revision'>, parsed: StateMachineDefinition): Machine {
    const current = this.byArn.get(row.arn);
    const now = this.now();
    const machine: Machine = {
      ...row,
      created: current?.created ?? now,
      updated: now,
      revision: randomUUID(),
      parsed,
    };
    this.byArn.set(row.arn, machine);
    if (row.origin === 'api') this.store.saveMachine(machine);
    return machine;
  }

  /** Removes a machine. */
  delete(arn: string): void {
    const machine = this.byArn.get(arn);
    this.byArn.delete(arn);
    if (machine?.origin === 'api') this.store.deleteMachine(arn);
  }
}
