// Durable STANDARD executions: eddy killed with SIGKILL during a Wait (or stopped during one) resumes the
// execution on the same state folder, with its variables, and the history continues without gaps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { ROLE, clientConfig, serveInChild, settled, startWorkflows, waitEntered } from './harness.js';

const definition = (seconds: number) =>
  JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: 'Remember',
    States: {
      Remember: { Type: 'Pass', Assign: { started: '{% $states.input.id %}' }, Next: 'Sleep' },
      Sleep: { Type: 'Wait', Seconds: seconds, Next: 'Done' },
      Done: { Type: 'Pass', Output: '{% { "id": $started, "after": true } %}', End: true },
    },
  });

let state: string;
afterEach(() => rmSync(state, { recursive: true, force: true }));

test('kill -9 during a Wait, then restart: the execution completes', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-durable-'));
  const { child, endpoint } = await serveInChild(state);
  const sfn = new SFNClient(clientConfig(endpoint));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'sleepy', definition: definition(2), roleArn: ROLE }),
  );
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: 'e1', input: '{"id":"x-1"}' }),
  );
  await waitEntered(sfn, executionArn!);
  child.kill('SIGKILL');
  await child;
  sfn.destroy();

  const h = await startWorkflows({ state });
  try {
    const done = await settled(h.sfn, executionArn!, 30_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ id: 'x-1', after: true });
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((e) => e.id)).toEqual(events!.map((_, i) => i + 1));
    expect(events!.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
    expect(events!.at(-1)!.type).toBe('ExecutionSucceeded');
  } finally {
    await h.stop();
  }
}, 120_000);

test('stopped during a Wait, restarted with a manual clock: the execution completes', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-durable-'));
  const first = await startWorkflows({ state, clock: new ManualClock() });
  const { stateMachineArn } = await first.sfn.send(
    new CreateStateMachineCommand({ name: 'sleepy', definition: definition(3600), roleArn: ROLE }),
  );
  const { executionArn } = await first.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: '{"id":"m-1"}' }),
  );
  await waitEntered(first.sfn, executionArn!);
  await first.stop();

  const clock = new ManualClock();
  const second = await startWorkflows({ state, clock });
  try {
    await waitEntered(second.sfn, executionArn!, 1);
    clock.advance(3600_000);
    const done = await settled(second.sfn, executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ id: 'm-1', after: true });
  } finally {
    await second.stop();
  }
}, 120_000);

test('restarted while waiting for a task token: the old token completes the task', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-durable-'));
  const first = await startWorkflows({ state });
  const { stateMachineArn } = await first.sfn.send(
    new CreateStateMachineCommand({
      name: 'callback',
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
            Parameters: {
              Entries: [{ Source: 'test', DetailType: 'Ask', Detail: { 'token.$': '$$.Task.Token' } }],
            },
            End: true,
          },
        },
      }),
    }),
  );
  const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  let token: string | undefined;
  while (!token) {
    const { events } = await first.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events!.find((e) => e.type === 'TaskSubmitted');
    const parameters = events!.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails?.parameters;
    if (scheduled && parameters) token = JSON.parse(parameters).Entries[0].Detail.token as string;
    else await new Promise((r) => setTimeout(r, 20));
  }
  await first.stop();

  const second = await startWorkflows({ state });
  try {
    for (let i = 0; ; i++) {
      try {
        await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));
        break;
      } catch (error) {
        // The resumed task may not be waiting yet.
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const done = await settled(second.sfn, executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ ok: true });
  } finally {
    await second.stop();
  }
}, 120_000);
