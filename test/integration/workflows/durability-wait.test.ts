// A Wait interrupted by kill -9 keeps its due time: after a restart it waits only what is left, and the
// history holds each event once (no second WaitStateEntered).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { clientConfig, ROLE, settled, startWorkflows } from './harness.js';

const WAIT_SECONDS = 4;
const KILL_AFTER_MS = 1500;

const definition = JSON.stringify({
  StartAt: 'Before',
  States: {
    Before: { Type: 'Pass', Result: { n: 1 }, Next: 'Sleep' },
    Sleep: { Type: 'Wait', Seconds: WAIT_SECONDS, Next: 'After' },
    After: { Type: 'Pass', End: true },
  },
});

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

let state: string | undefined;
afterEach(() => {
  if (state) rmSync(state, { recursive: true, force: true });
});

test('kill -9 during a Wait: the resumed Wait ends at its original due time', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-wait-'));
  const child = execa('node', ['--import', 'tsx', join(import.meta.dirname, 'fixtures/serve.ts'), state], {
    reject: false,
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', () => reject(new Error('eddy exited early')));
  });
  const sfn = new SFNClient(clientConfig(endpoint));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'sleepy', definition, roleArn: ROLE }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  await expect
    .poll(async () => (await history(sfn, executionArn!)).some((e) => e.type === 'WaitStateEntered'), {
      timeout: 10_000,
      interval: 20,
    })
    .toBe(true);
  await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
  child.kill('SIGKILL');
  await child;
  sfn.destroy();

  const restartedAt = Date.now();
  const h = await startWorkflows({ state });
  try {
    const done = await settled(h.sfn, executionArn!, 30_000);
    expect(done.status).toBe('SUCCEEDED');
    const events = await history(h.sfn, executionArn!);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const entered = events[3].timestamp!.getTime();
    const exited = events[4].timestamp!.getTime();
    // The Wait lasted its full duration, counted from when it was first entered...
    expect(exited - entered).toBeGreaterThanOrEqual(WAIT_SECONDS * 1000);
    // ...and only the remaining ~2.5 s after the restart: waiting the whole 4 s again would exceed this.
    expect(exited - restartedAt).toBeLessThan(WAIT_SECONDS * 1000 - KILL_AFTER_MS + 750);
  } finally {
    await h.stop();
  }
}, 60_000);
