// Runs a definition to completion on a virtual clock, for unit tests.
import {
  parseDefinition,
  startExecution,
  type ExecutionResult,
  type HistoryEvent,
  type StartOptions,
  type TaskInvoker,
} from '../../../../src/services/workflows/index.js';
import { AutoClock } from './auto-clock.js';

/** The result, the history and the clock of a finished run. */
export interface Ran extends ExecutionResult {
  events: HistoryEvent[];
  types: string[];
  clock: AutoClock;
}

/** Validates and runs `definition` on `input`; `invoker` serves Task states. */
export async function run(definition: object, input: unknown = {}, options: StartOptions = {}): Promise<Ran> {
  const clock = (options.clock as AutoClock | undefined) ?? new AutoClock();
  const execution = startExecution(parseDefinition(definition), input, { clock, ...options });
  const result = await clock.runUntil(execution.result);
  const events = execution.events.events;
  return { ...result, events, types: events.map((e) => e.type), clock };
}

/** An invoker from a table of handlers by resource ARN (or function name). */
export function invokerOf(
  handlers: Record<string, (input: unknown) => unknown>,
): TaskInvoker & { calls: { resource: string; input: unknown }[] } {
  const calls: { resource: string; input: unknown }[] = [];
  return {
    calls,
    async invoke(resource, input) {
      calls.push({ resource, input });
      const name = /:function:([^:]+)/.exec(resource)?.[1] ?? resource;
      const fn = handlers[resource] ?? handlers[name];
      if (!fn) throw new Error(`no handler for ${resource}`);
      return fn(input);
    },
  };
}

/** A one-state machine around `state` (named S). */
export function single(state: { Type: string; [field: string]: unknown }, extra: object = {}): object {
  const terminal = ['Succeed', 'Fail', 'Choice'].includes(state.Type);
  return { StartAt: 'S', States: { S: terminal ? state : { End: true, ...state } }, ...extra };
}
