// Lambda tasks: direct function ARNs and lambda:invoke, the response envelope, and error surfacing.
import { describe, expect, it } from 'vitest';
import { FunctionError, FunctionOutput, type TaskInvoker } from '../../../src/services/workflows/index.js';
import { run, single } from './helpers/run.js';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function invoker(fn: (input: unknown) => unknown): TaskInvoker & { resources: string[] } {
  const resources: string[] = [];
  return { resources, invoke: async (resource, input) => (resources.push(resource), fn(input)) };
}

describe('Lambda tasks', () => {
  it('calls a function ARN with the effective input and records Lambda* events', async () => {
    const inv = invoker((x) => ({ got: x }));
    const r = await run(
      single({ Type: 'Task', Resource: ARN, InputPath: '$.payload' }),
      { payload: { a: 1 } },
      { invoker: inv },
    );
    expect(r.output).toEqual({ got: { a: 1 } });
    expect(r.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(r.events[2]).toMatchObject({
      lambdaFunctionScheduledEventDetails: { resource: ARN, input: '{"a":1}' },
    });
  });

  it('wraps lambda:invoke results in the SDK envelope and resolves function names', async () => {
    const inv = invoker(() => new FunctionOutput('{"ok": true}'));
    const r = await run(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'f', Payload: { x: 1 } },
      }),
      {},
      { invoker: inv },
    );
    const out = r.output as Record<string, unknown>;
    expect(inv.resources).toEqual([ARN]);
    expect(out).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { ok: true }, StatusCode: 200 });
    expect(out.SdkHttpMetadata).toMatchObject({
      HttpStatusCode: 200,
      HttpHeaders: { 'Content-Length': '12', 'X-Amz-Executed-Version': '$LATEST' },
    });
    expect(r.types).toContain('TaskSucceeded');
    expect(r.events.find((e) => e.type === 'TaskScheduled')).toMatchObject({
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke',
        region: 'us-east-1',
        parameters: '{"FunctionName":"f","Payload":{"x":1}}',
      },
    });
  });

  it("surfaces a handler's errorType as the error, and Lambda.Unknown when there is none", async () => {
    const payload = JSON.stringify({ errorMessage: 'bad', errorType: 'ValidationError' });
    const typed = await run(
      single({ Type: 'Task', Resource: ARN }),
      {},
      { invoker: invoker(() => Promise.reject(new FunctionError(payload))) },
    );
    expect(typed).toMatchObject({ status: 'FAILED', error: 'ValidationError', cause: payload });
    const crash = await run(
      single({ Type: 'Task', Resource: ARN }),
      {},
      { invoker: invoker(() => Promise.reject(new FunctionError('Runtime exited'))) },
    );
    expect(crash).toMatchObject({ error: 'Lambda.Unknown', cause: 'Runtime exited' });
    expect(crash.types).toContain('LambdaFunctionFailed');
  });

  it('re-serialises the error payload compactly for the lambda:invoke integration', async () => {
    const payload = '{"errorMessage": "bad", "errorType": "E"}';
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: ARN } }),
      {},
      { invoker: invoker(() => Promise.reject(new FunctionError(payload))) },
    );
    expect(r).toMatchObject({ error: 'E', cause: '{"errorMessage":"bad","errorType":"E"}' });
  });

  it('fails a task whose result exceeds 256 KiB with States.DataLimitExceeded', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: ARN }),
      {},
      { invoker: invoker(() => 'x'.repeat(262_145)) },
    );
    expect(r.error).toBe('States.DataLimitExceeded');
  });

  it('fails other resources with the invoker’s error as States.TaskFailed', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: {} }),
      {},
      {
        invoker: invoker(() => Promise.reject(new Error('not emulated'))),
      },
    );
    expect(r).toMatchObject({ error: 'States.TaskFailed', cause: 'not emulated' });
    expect(r.types).toContain('TaskFailed');
  });
});
