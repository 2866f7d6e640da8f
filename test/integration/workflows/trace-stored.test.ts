// The trace log keeps every record of an execution: the `state` records of a run of Pass states (stored
// together) come back from the stored trace after a restart exactly as they were published, in order,
// and a read starting in the middle of such a run returns only what follows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, expect, test } from 'vitest';
import { ROLE, startWorkflows } from './harness.js';

let state: string;
afterEach(() => rmSync(state, { recursive: true, force: true }));

test('an execution’s trace records survive a restart, whole and in order', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-sfn-trace-'));
  const States: Record<string, object> = {};
  for (let i = 0; i < 300; i++)
    States[`S${i}`] = i === 299 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  const first = await startWorkflows({ state });
  let published: Awaited<ReturnType<typeof startWorkflows>>['eddy']['records'] = [];
  let executionArn: string | undefined;
  try {
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'long',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'S0', States }),
      }),
    );
    ({ executionArn } = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }),
    ));
    await first.eddy.waitFor(
      (r) => r.kind === 'execution' && r.resource === executionArn && r.payload.type === 'ExecutionSucceeded',
    );
    published = first.eddy.records.filter((r) => r.resource === executionArn);
  } finally {
    await first.stop();
  }
  expect(published.filter((r) => r.kind === 'state')).toHaveLength(600);

  const second = await startWorkflows({ state });
  try {
    const stored = second.eddy.records.filter((r) => r.resource === executionArn);
    expect(stored).toEqual(published);
    // A read starting inside a run of stored records (the console's `/_eddy/trace?from=`).
    const from = published[250].seq;
    const response = await fetch(
      `${second.eddy.endpoint}/_eddy/trace?traceId=${published[0].traceId}&from=${from}`,
    );
    const { records } = (await response.json()) as { records: typeof published };
    expect(records.filter((r) => r.resource === executionArn)).toEqual(published.slice(250));
  } finally {
    await second.stop();
  }
}, 120_000);
