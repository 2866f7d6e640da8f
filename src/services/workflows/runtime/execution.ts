// Starts an execution: `{ abort, result, events }`. The result promise settles with the final status;
// `events` is the history as it grows. `resume` continues a run from a recorded transition, so the
// store can persist each transition and restart executions after a crash.
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../../shared/clock.js';
import type { StateMachineDefinition } from '../asl/types.js';
import { StatesError, toStatesError } from '../errors/states-error.js';
import { TimeoutError } from '../errors/task-errors.js';
import { FailStateError } from '../states/fail.js';
import { unavailableInvoker, type TaskInvoker } from '../tasks/invoker.js';
import { TaskTokenRegistry } from '../tasks/token-registry.js';
import type { ExecutionEnv, Frame, Transition } from './env.js';
import { History, payload, type HistoryEvent } from './history.js';
import { runBlock } from './run-block.js';
import type { MapRunHooks } from '../states/map-reader.js';
import { VariableScope } from './variables.js';

/** How an execution ended. */
export interface ExecutionResult {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  output?: unknown;
  error?: string;
  cause?: string;
}

/** Options of startExecution; everything has a default. */
export interface StartOptions {
  clock?: Clock;
  invoker?: TaskInvoker;
  tokens?: TaskTokenRegistry;
  region?: string;
  accountId?: string;
  stateMachineArn?: string;
  executionArn?: string;
  name?: string;
  roleArn?: string;
  /** EXPRESS executions have no RedriveCount in their context object. Default STANDARD. */
  type?: 'STANDARD' | 'EXPRESS';
  /** Distributed Map hooks (ItemReader, ResultWriter). */
  mapRuns?: MapRunHooks;
  /** Called after every top-level transition, for durable executions. */
  onTransition?: (transition: Transition) => void;
  /** Continue from a recorded transition instead of starting (history continues from `events`). */
  resume?: { transition: Transition & { stateName: string }; events: HistoryEvent[]; startTime: number };
}

/** A running execution. */
export interface Execution {
  executionArn: string;
  /** When the execution started (epoch ms; the original start when resumed). */
  startTime: number;
  /** Stops the execution (status ABORTED). */
  abort(error?: string, cause?: string): void;
  result: Promise<ExecutionResult>;
  /** The history so far and to come (listen(), or `for await` over it). */
  events: History;
}

class AbortedError extends StatesError {}

// Why the signal aborts once an execution has ended: built once, as an Error's stack costs microseconds.
const EXECUTION_ENDED = new AbortedError('ExecutionEnded');

/** The execution ran past its TimeoutSeconds. */
class ExecutionTimedOutError extends TimeoutError {}

/** Runs `definition` on `input`. */
export function startExecution(
  definition: StateMachineDefinition,
  input: unknown,
  options: StartOptions = {},
): Execution {
  const clock = options.clock ?? systemClock;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const smArn = options.stateMachineArn ?? `arn:aws:states:${region}:${accountId}:stateMachine:eddy`;
  const name = options.name ?? randomUUID();
  const executionArn = options.executionArn ?? `${smArn.replace(':stateMachine:', ':execution:')}:${name}`;
  const roleArn = options.roleArn ?? `arn:aws:iam::${accountId}:role/eddy`;
  const startTime = options.resume?.startTime ?? clock.now();
  const history = new History(() => clock.now(), options.resume?.events.length ?? 0);
  if (options.resume) history.events.push(...options.resume.events);
  const controller = new AbortController();
  const env: ExecutionEnv = {
    clock,
    invoker: options.invoker ?? unavailableInvoker,
    tokens: options.tokens ?? new TaskTokenRegistry(),
    history,
    signal: controller.signal,
    region,
    accountId,
    identity: {
      Execution: {
        Id: executionArn,
        Input: input,
        StartTime: new Date(startTime).toISOString(),
        Name: name,
        RoleArn: roleArn,
        ...(options.type === 'EXPRESS' ? {} : { RedriveCount: 0 }),
      },
      StateMachine: { Id: smArn, Name: smArn.split(':').pop() ?? '' },
    },
    onTransition: options.onTransition,
    mapRuns: options.mapRuns,
  };
  const frame: Frame = {
    env,
    block: definition,
    queryLanguage: definition.QueryLanguage ?? 'JSONPath',
    scope: new VariableScope(undefined, options.resume?.transition.variables),
    topLevel: true,
    signal: controller.signal,
  };
  if (!options.resume) history.add('ExecutionStarted', { ...payload('input', input), roleArn });
  let timer: { cancel(): void } | undefined;
  if (definition.TimeoutSeconds) {
    const remaining = definition.TimeoutSeconds * 1000 - (clock.now() - startTime);
    timer = clock.setTimer(() => controller.abort(new ExecutionTimedOutError()), Math.max(0, remaining));
  }
  const run = options.resume
    ? runBlock(
        frame,
        options.resume.transition.input,
        options.resume.transition.stateName,
        options.resume.transition,
      )
    : runBlock(frame, input);
  const result = run.then(
    (output): ExecutionResult => {
      history.add('ExecutionSucceeded', payload('output', output));
      return { status: 'SUCCEEDED', output };
    },
    (thrown: unknown): ExecutionResult => {
      const reason = controller.signal.aborted ? controller.signal.reason : thrown;
      return failure(history, reason);
    },
  );
  const settled = result.finally(() => {
    timer?.cancel();
    if (!controller.signal.aborted) controller.abort(EXECUTION_ENDED);
    env.onTransition?.({ stateName: undefined, input: undefined, variables: frame.scope.own() });
    history.close();
  });
  return {
    executionArn,
    startTime,
    abort: (error, cause) => controller.abort(new AbortedError(error ?? 'ExecutionAborted', cause)),
    result: settled,
    events: history,
  };
}

function failure(history: History, thrown: unknown): ExecutionResult {
  const error = toStatesError(thrown);
  if (error instanceof AbortedError) {
    history.add('ExecutionAborted', {
      error: error.error,
      ...(error.causeText ? { cause: error.causeText } : {}),
    });
    return { status: 'ABORTED', error: error.error, cause: error.causeText };
  }
  if (error instanceof ExecutionTimedOutError) {
    history.add('ExecutionTimedOut', { error: error.error });
    return { status: 'TIMED_OUT', error: error.error };
  }
  const hasError = !(error instanceof FailStateError) || error.hasError;
  const details: Record<string, unknown> = {};
  if (hasError) details.error = error.error;
  const cause = error.causeText === '' ? undefined : error.causeText;
  if (cause !== undefined) details.cause = cause;
  history.add('ExecutionFailed', details);
  return { status: 'FAILED', error: hasError ? error.error : undefined, cause };
}
