// .waitForTaskToken: the token reaches the worker, and SendTaskSuccess/Failure/Heartbeat drive the task.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import {
  parseDefinition,
  startExecution,
  TaskTokenRegistry,
  UnknownTaskTokenError,
  type TaskInvoker,
} from '../../../src/services/workflows/index.js';

const RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

function machine(extra: object = {}) {
  return parseDefinition({
    StartAt: 'Wait',
    States: {
      Wait: {
        Type: 'Task',
        Resource: RESOURCE,
        Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        ...extra,
        End: true,
      },
    },
  });
}

/** Starts the machine; resolves once the worker received its message. */
async function start(extra: object = {}) {
  const tokens = new TaskTokenRegistry();
  const clock = new ManualClock();
  const received: { resource: string; input: { token: string; order: number }; taskToken?: string }[] = [];
  let delivered!: () => void;
  const ready = new Promise<void>((r) => (delivered = r));
  const invoker: TaskInvoker = {
    async invoke(resource, input, ctx) {
      received.push({
        resource,
        input: (input as { MessageBody: { token: string; order: number } }).MessageBody,
        taskToken: ctx.taskToken,
      });
      delivered();
      return { MessageId: 'm-1' };
    },
  };
  const execution = startExecution(machine(extra), { order: 7 }, { tokens, clock, invoker });
  await ready;
  return { tokens, clock, received, execution };
}

describe('task tokens', () => {
  it('hands the token to the worker and completes with SendTaskSuccess output', async () => {
    const { tokens, received, execution } = await start();
    expect(received[0].resource).toBe(RESOURCE);
    expect(received[0].input.order).toBe(7);
    expect(received[0].input.token).toBe(received[0].taskToken);
    tokens.sendTaskSuccess(received[0].input.token, { shipped: true });
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { shipped: true } });
    const types = execution.events.events.map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(() => tokens.sendTaskSuccess(received[0].input.token, {})).toThrow(UnknownTaskTokenError);
  });

  it('fails the task with SendTaskFailure’s error and cause', async () => {
    const { tokens, received, execution } = await start();
    tokens.sendTaskFailure(received[0].input.token, 'OutOfStock', 'no more widgets');
    expect(await execution.result).toMatchObject({
      status: 'FAILED',
      error: 'OutOfStock',
      cause: 'no more widgets',
    });
  });

  it('times out with States.HeartbeatTimeout unless heartbeats arrive', async () => {
    const { tokens, received, clock, execution } = await start({ HeartbeatSeconds: 10 });
    clock.advance(8000);
    tokens.sendTaskHeartbeat(received[0].input.token);
    clock.advance(8000);
    tokens.sendTaskHeartbeat(received[0].input.token);
    clock.advance(9000);
    let settled = false;
    void execution.result.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    clock.advance(1000);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('rejects unknown tokens with TaskDoesNotExist', () => {
    const tokens = new TaskTokenRegistry();
    try {
      tokens.sendTaskSuccess('nope', {});
      expect.unreachable();
    } catch (e) {
      expect((e as UnknownTaskTokenError).code).toBe('TaskDoesNotExist');
    }
  });
});
