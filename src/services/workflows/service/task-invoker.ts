// The TaskInvoker eddy's executions use: Lambda functions through the router, the optimized
// integrations eddy emulates, nested executions, and Step Functions Local mocks when configured. Any
// other integration fails with a "not emulated" error naming what to do.
import type { Clock } from '../../../shared/clock.js';
import type { TargetRouter } from '../../core/service.js';
import {
  FunctionError,
  StatesError,
  TaskFailedError,
  type TaskInvocationContext,
  type TaskInvoker,
} from '../index.js';
import type { Scope } from './arns.js';
import { httpInvoke, putEvents, sendMessage } from './integrations.js';
import type { ExecutionMocks } from './mock-config.js';

/** What a nested `states:startExecution` task needs from the service. */
export interface NestedExecutions {
  /** Starts a child execution; `wait` resolves with DescribeExecution's answer once it ends. */
  startChild(
    input: Record<string, unknown>,
    parentArn: string,
  ): { ExecutionArn: string; StartDate: number; wait: () => Promise<Record<string, unknown>> };
}

/** Per-execution facts the invoker reads by execution ARN. */
export interface ExecutionFacts {
  traceId(executionArn: string): string;
  mocks(executionArn: string): ExecutionMocks | undefined;
}

/** Everything the invoker calls. */
export interface InvokerDeps {
  router: TargetRouter;
  scope: Scope;
  clock: Clock;
  nested: NestedExecutions;
  facts: ExecutionFacts;
}

// `arn:aws:states:::sqs:sendMessage.waitForTaskToken` → `sqs:sendMessage` and `.waitForTaskToken`.
const SERVICE = /^arn:aws[\w-]*:states:[^:]*:[^:]*:([\w-]+):([\w-]+)(\.sync(?::2)?|\.waitForTaskToken)?$/;

/** Builds the invoker. */
export function createTaskInvoker(deps: InvokerDeps): TaskInvoker {
  return {
    async invoke(resource: string, input: unknown, ctx: TaskInvocationContext): Promise<unknown> {
      const mocks = deps.facts.mocks(ctx.executionArn);
      if (mocks?.covers(ctx.stateName)) return mocked(mocks.answer(ctx.stateName), resource);
      const traceId = deps.facts.traceId(ctx.executionArn);
      if (/^arn:aws[\w-]*:lambda:/.test(resource))
        return invokeFunction(deps.router, resource, input, traceId);
      const match = SERVICE.exec(resource);
      if (!match) throw notEmulated(resource);
      const [, service, action, suffix = ''] = match;
      const key = `${service}:${action}`;
      if (key === 'events:putEvents')
        return putEvents(deps.router, deps.scope, input, deps.clock.now(), traceId);
      if (key === 'sqs:sendMessage') return sendMessage(deps.router, deps.scope, input, traceId);
      if (key === 'http:invoke') return httpInvoke(input, ctx.signal);
      if (key === 'states:startExecution') {
        const child = deps.nested.startChild((input ?? {}) as Record<string, unknown>, ctx.executionArn);
        if (!suffix.startsWith('.sync'))
          return { ExecutionArn: child.ExecutionArn, StartDate: child.StartDate };
        return syncResult(await child.wait(), suffix === '.sync:2');
      }
      throw notEmulated(resource);
    },
  };
}

/** Calls a function; a handler error becomes a FunctionError the engine reports as Lambda does. */
async function invokeFunction(
  router: TargetRouter,
  arn: string,
  input: unknown,
  traceId: string,
): Promise<unknown> {
  try {
    return await router.invoke(arn, input, { traceId, invocationType: 'RequestResponse' });
  } catch (error) {
    // The functions service rejects with the handler's error document ({ errorType, errorMessage, trace }).
    const document = (error as { document?: { errorType?: string } }).document;
    if (document) throw new FunctionError(JSON.stringify(document), document.errorType);
    const code = (error as { code?: string }).code;
    if (code) throw new StatesError(`Lambda.${code}`, (error as Error).message);
    throw error;
  }
}

/**
 * `.sync` answers DescribeExecution with Output as text, `.sync:2` with Output as JSON; a child that
 * did not succeed fails the task with States.TaskFailed and the description as the cause.
 */
function syncResult(description: Record<string, unknown>, json: boolean): unknown {
  if (description.Status !== 'SUCCEEDED')
    throw new TaskFailedError('States.TaskFailed', JSON.stringify(description));
  if (!json || typeof description.Output !== 'string') return description;
  return { ...description, Output: JSON.parse(description.Output) as unknown };
}

/** A mocked Lambda `Return` is the Invoke response; the function's part of it is its Payload. */
function mocked(value: unknown, resource: string): unknown {
  if (
    /^arn:aws[\w-]*:lambda:/.test(resource) &&
    value !== null &&
    typeof value === 'object' &&
    'Payload' in value
  )
    return (value as { Payload: unknown }).Payload;
  return value;
}

function notEmulated(resource: string): StatesError {
  return new TaskFailedError(
    'States.TaskFailed',
    `eddy does not emulate the integration '${resource}'. Emulated: Lambda, events:putEvents, sqs:sendMessage, ` +
      'states:startExecution(.sync, .sync:2), http:invoke, .waitForTaskToken; mock others with a Step ' +
      'Functions Local MockConfigFile (EDDY_SFN_MOCK_CONFIG=mocks.json, start `<stateMachineArn>#<TestCase>`).',
  );
}
