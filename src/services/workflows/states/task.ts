// Task: runs a resource (Lambda, a service integration, a task token) with Parameters/Arguments,
// TimeoutSeconds and HeartbeatSeconds in every form.
import { RuntimeError, QueryEvaluationError } from '../errors/runtime-errors.js';
import { applyInputPath, finishWithResult } from '../runtime/io.js';
import type { StateContext } from '../runtime/state-context.js';
import { parseResource } from '../tasks/resources.js';
import { runTask, type TaskLimits } from '../tasks/run-task.js';
import { nextOf, type StateHandler } from './handler.js';

async function limit(
  ctx: StateContext,
  input: unknown,
  effective: unknown,
  name: 'TimeoutSeconds' | 'HeartbeatSeconds',
): Promise<number | undefined> {
  const s = ctx.state;
  const literal = s[name];
  if (typeof literal === 'number') return literal;
  if (ctx.language === 'JSONata' && literal !== undefined) {
    const v = await ctx.jsonata(literal, name, { input });
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new QueryEvaluationError(
        ctx.cause(
          `The JSONata expression specified for the field '${name}' must return a positive integer, but was: ${JSON.stringify(v)}`,
        ),
      );
    }
    return v;
  }
  const path = s[`${name}Path`];
  if (path !== undefined) {
    const v = ctx.path(path, effective);
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new RuntimeError(
        ctx.cause(
          `The ${name}Path parameter does not reference a positive integer: ${path} == ${JSON.stringify(v)}`,
        ),
      );
    }
    return v;
  }
  return undefined;
}

/** The Task state. */
export const taskState: StateHandler = {
  async run(ctx, input) {
    const s = ctx.state;
    const resource = String(s.Resource);
    const parsed = parseResource(resource);
    // The token must exist before Parameters are evaluated: they pass it on as `$$.Task.Token`.
    if (parsed.kind === 'service' && parsed.pattern === 'token') ctx.taskToken = ctx.env.tokens.issue();
    let params: unknown;
    let effective: unknown = input;
    if (ctx.language === 'JSONata') {
      params = s.Arguments !== undefined ? await ctx.jsonata(s.Arguments, 'Arguments', { input }) : input;
    } else {
      effective = applyInputPath(ctx, input);
      params = s.Parameters !== undefined ? ctx.payload(s.Parameters, effective) : effective;
    }
    const limits: TaskLimits = {
      timeoutSeconds: await limit(ctx, input, effective, 'TimeoutSeconds'),
      heartbeatSeconds: await limit(ctx, input, effective, 'HeartbeatSeconds'),
    };
    const result = await runTask(ctx, resource, params, limits);
    return { ...(await finishWithResult(ctx, input, result)), next: nextOf(ctx) };
  },
};
