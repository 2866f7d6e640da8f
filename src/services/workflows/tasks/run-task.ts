// Runs one Task attempt: history events (Lambda* for function ARNs, Task* for integrations), the
// invocation through the TaskInvoker, task tokens, TimeoutSeconds and HeartbeatSeconds.
import { StatesError } from '../errors/states-error.js';
import { checkPayloadSize } from '../errors/runtime-errors.js';
import { HeartbeatTimeoutError, TaskFailedError, TimeoutError } from '../errors/task-errors.js';
import { payload } from '../runtime/history.js';
import type { StateContext } from '../runtime/state-context.js';
import { functionArn, parseResource, type ParsedResource } from './resources.js';
import { invokeEnvelope, lambdaError } from './lambda.js';
import { FunctionOutput } from './invoker.js';

/** Limits of one task attempt. */
export interface TaskLimits {
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** Runs the task and returns its raw result; throws a StatesError on failure or timeout. */
export async function runTask(
  ctx: StateContext,
  resource: string,
  params: unknown,
  limits: TaskLimits,
): Promise<unknown> {
  const parsed = parseResource(resource);
  const h = ctx.env.history;
  const lambdaDirect = parsed.kind === 'lambda-function';
  const ids = lambdaDirect ? undefined : serviceIds(parsed);
  if (lambdaDirect) {
    h.add('LambdaFunctionScheduled', {
      resource,
      ...payload('input', params),
      ...(limits.timeoutSeconds ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
    });
    h.add('LambdaFunctionStarted');
  } else {
    h.add('TaskScheduled', {
      ...ids,
      region: ctx.env.region,
      parameters: JSON.stringify(params),
      ...(limits.timeoutSeconds ? { timeoutInSeconds: limits.timeoutSeconds } : {}),
      ...(limits.heartbeatSeconds ? { heartbeatInSeconds: limits.heartbeatSeconds } : {}),
    });
    h.add('TaskStarted', { ...ids });
  }
  try {
    const result = await withLimits(ctx, limits, (signal, onHeartbeat) =>
      call(ctx, parsed, params, signal, onHeartbeat, limits),
    );
    if (lambdaDirect) h.add('LambdaFunctionSucceeded', payload('output', result));
    else h.add('TaskSucceeded', { ...ids, ...payload('output', result) });
    return result;
  } catch (thrown) {
    const error =
      lambdaDirect || (parsed.kind === 'service' && parsed.service === 'lambda')
        ? lambdaError(thrown, !lambdaDirect)
        : toTaskError(thrown);
    const details = {
      error: error.error,
      ...(error.causeText !== undefined ? { cause: error.causeText } : {}),
    };
    const timedOut = error instanceof TimeoutError || error instanceof HeartbeatTimeoutError;
    if (lambdaDirect) h.add(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', details);
    else h.add(timedOut ? 'TaskTimedOut' : 'TaskFailed', { ...ids, ...details });
    throw error;
  }
}

function serviceIds(parsed: ParsedResource): { resourceType: string; resource: string } {
  if (parsed.kind === 'service') {
    const suffix = { 'request-response': '', sync: '.sync', sync2: '.sync:2', token: '.waitForTaskToken' }[
      parsed.pattern
    ];
    return { resourceType: parsed.service, resource: parsed.action + suffix };
  }
  return { resourceType: 'states', resource: parsed.arn };
}

function toTaskError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  return new TaskFailedError('States.TaskFailed', thrown instanceof Error ? thrown.message : String(thrown));
}

async function call(
  ctx: StateContext,
  parsed: ParsedResource,
  params: unknown,
  signal: AbortSignal,
  onHeartbeat: () => void,
  limits: TaskLimits,
): Promise<unknown> {
  const base = {
    signal,
    executionArn: ctx.env.identity.Execution.Id,
    stateName: ctx.name,
    ...limits,
    taskToken: ctx.taskToken,
  };
  const invoker = ctx.env.invoker;
  let result: unknown;
  if (parsed.kind === 'service' && parsed.service === 'lambda' && parsed.action === 'invoke') {
    const p = (params ?? {}) as Record<string, unknown>;
    const arn = functionArn(String(p.FunctionName), ctx.env.region, ctx.env.accountId);
    const out = await invoker.invoke(arn, payloadOf(p.Payload), base);
    // AWS names the integration ('lambda'), not the function, when its response is too large.
    checkPayloadSize(out instanceof FunctionOutput ? out.value : out, parsed.service);
    result = invokeEnvelope(out, new Date(ctx.env.clock.now()), p.LogType);
  } else {
    const out = await invoker.invoke(parsed.arn, params, base);
    result = out instanceof FunctionOutput ? out.value : out;
    checkPayloadSize(result, parsed.arn);
  }
  if (parsed.kind === 'service' && parsed.pattern === 'token' && ctx.taskToken) {
    // The service accepted the request; the task now waits for SendTask* (AWS records TaskSubmitted).
    ctx.env.history.add('TaskSubmitted', { ...serviceIds(parsed), ...payload('output', result) });
    return ctx.env.tokens.wait(ctx.taskToken, onHeartbeat, signal);
  }
  return result;
}

/** A string Payload is sent as the request body, i.e. as JSON text (AWS parses it). */
function payloadOf(value: unknown): unknown {
  // No payload (or null) reaches the function as an empty object.
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Runs `fn` under TimeoutSeconds and HeartbeatSeconds; a limit that passes aborts `fn`'s signal. */
function withLimits(
  ctx: StateContext,
  limits: TaskLimits,
  fn: (signal: AbortSignal, onHeartbeat: () => void) => Promise<unknown>,
): Promise<unknown> {
  const controller = new AbortController();
  const parent = ctx.frame.signal;
  const clock = ctx.env.clock;
  return new Promise((resolve, reject) => {
    let settled = false;
    // The execution stopped or a sibling failed: stop waiting even if the invoker ignores its signal.
    const onParentAbort = () =>
      finish(() => {
        controller.abort(parent.reason);
        reject(parent.reason as Error);
      });
    if (parent.aborted) return reject(parent.reason as Error);
    parent.addEventListener('abort', onParentAbort, { once: true });
    const timers: { cancel(): void }[] = [];
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      for (const t of timers) t.cancel();
      parent.removeEventListener('abort', onParentAbort);
      f();
    };
    const expire = (error: StatesError) =>
      finish(() => {
        controller.abort(error);
        reject(error);
      });
    if (limits.timeoutSeconds)
      timers.push(clock.setTimer(() => expire(new TimeoutError()), limits.timeoutSeconds * 1000));
    let heartbeat: { cancel(): void } | undefined;
    const armHeartbeat = () => {
      heartbeat?.cancel();
      if (!limits.heartbeatSeconds) return;
      heartbeat = clock.setTimer(() => expire(new HeartbeatTimeoutError()), limits.heartbeatSeconds * 1000);
      timers.push(heartbeat);
    };
    armHeartbeat();
    fn(controller.signal, armHeartbeat).then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e)),
    );
  });
}
