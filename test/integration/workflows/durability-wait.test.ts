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
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { ROLE, clientConfig, serveInChild, settled, startWorkflows } from './harness.js';

const WAIT_SECONDS = 4;
const KILL_AFTER_MS = 1500;
const SLACK_MS = 20;

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
  const { child, endpoint } = await serveInChild(state);
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

  // The restarted eddy runs on a manual clock that starts at the real time: the test, not the machine's
  // speed, decides when time passes, so the remaining-time check cannot be flaky.
  const restartedAt = Date.now();
  const clock = new ManualClock(restartedAt);
  const h = await startWorkflows({ state, clock });
  try {
    const before = await history(h.sfn, executionArn!);
    const entered = before.find((e) => e.type === 'WaitStateEntered')!.timestamp!.getTime();
    const due = entered + WAIT_SECONDS * 1000;
    // Killed ~1.5 s into the 4 s Wait: ~2.5 s are left. Moving the clock to the original due time
    // must end the Wait; a Wait that started counting again at the restart would still be waiting.
    clock.advance(Math.max(0, due - restartedAt) + SLACK_MS);
    const done = await settled(h.sfn, executionArn!, 10_000);
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
    const exited = events[4].timestamp!.getTime();
    // At the due time (or at the restart, had eddy come back after it).
    expect(exited - Math.max(due, restartedAt)).toBeGreaterThanOrEqual(0);
    expect(exited - Math.max(due, restartedAt)).toBeLessThanOrEqual(SLACK_MS);
  } finally {
    await h.stop();
  }
}, 60_000);
