// STANDARD transitions are committed once per turn, and before anything leaves the execution: after a
// kill -9 during a Wait that follows a run of Pass states and a task, the restarted execution continues
// the Wait: no state is entered twice, the task is not run again, and the history has no gap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, expect, test } from 'vitest';
import { ROLE, clientConfig, serveInChild, settled, startWorkflows, waitEntered } from './harness.js';

const PASSES = 40;

function definition(): string {
  const States: Record<string, object> = {};
  for (let i = 0; i < PASSES; i++)
    States[`P${i}`] = { Type: 'Pass', Result: i, ResultPath: '$.last', Next: `P${i + 1}` };
  States[`P${PASSES}`] = {
    Type: 'Task',
    Resource: 'arn:aws:states:::events:putEvents',
    Parameters: { Entries: [{ Source: 'test', DetailType: 'Once', Detail: {} }] },
    ResultPath: null,
    Next: 'Sleep',
  };
  States.Sleep = { Type: 'Wait', Seconds: 2, Next: 'Q0' };
  for (let i = 0; i < PASSES; i++)
    States[`Q${i}`] = i === PASSES - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `Q${i + 1}` };
  return JSON.stringify({ StartAt: 'P0', States });
}

let state: string;
afterEach(() => rmSync(state, { recursive: true, force: true }));

test('kill -9 during a Wait after Pass states and a task: nothing runs twice', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-coalesced-'));
  const { child, endpoint } = await serveInChild(state);
  const sfn = new SFNClient(clientConfig(endpoint));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'coalesced', definition: definition(), roleArn: ROLE }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  await waitEntered(sfn, executionArn!);
  child.kill('SIGKILL');
  await child;
  sfn.destroy();

  const h = await startWorkflows({ state });
  try {
    const done = await settled(h.sfn, executionArn!, 30_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ last: PASSES - 1 });
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(events!.map((e) => e.id)).toEqual(events!.map((_, i) => i + 1));
    const entered = events!.filter((e) => e.type!.endsWith('StateEntered'));
    expect(entered.map((e) => e.stateEnteredEventDetails!.name)).toEqual([
      ...Array.from({ length: PASSES + 1 }, (_, i) => `P${i}`),
      'Sleep',
      ...Array.from({ length: PASSES }, (_, i) => `Q${i}`),
    ]);
    expect(events!.filter((e) => e.type === 'TaskScheduled')).toHaveLength(1);
    expect(events!.at(-1)!.type).toBe('ExecutionSucceeded');
  } finally {
    await h.stop();
  }
}, 120_000);
