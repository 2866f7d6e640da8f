// MaxConcurrency bounds how many children run at once (each handler call records how many calls were in
// flight as it started), and UpdateMapRun widens the pool of a running map run at once; UpdateMapRun on
// an ended run or an unknown ARN fails as AWS does.
import {
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StopExecutionCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startWorkflows, type WorkflowsHarness } from './harness.js';
import { items, mapProject, mapState } from './distributed-project.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:fanout';

describe('Distributed Map concurrency', () => {
  const project = mapProject({
    StartAt: 'Each',
    States: { Each: mapState('EXPRESS', { MaxConcurrency: 2 }) },
  });
  let h: WorkflowsHarness;
  beforeAll(async () => {
    h = await startWorkflows({ template: project.template });
  }, 60_000);
  afterAll(() => h?.stop());

  async function mapRunOf(executionArn: string): Promise<string> {
    for (;;) {
      const { mapRuns } = await h.sfn.send(new ListMapRunsCommand({ executionArn }));
      if (mapRuns?.length) return mapRuns[0].mapRunArn!;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('never runs more children than MaxConcurrency, then runs more after UpdateMapRun', async () => {
    const { executionArn } = await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: MACHINE,
        input: JSON.stringify({ items: items(12, 250) }),
      }),
    );
    const mapRunArn = await mapRunOf(executionArn!);
    // Live counts while it runs: never more than 2 running.
    let succeeded = 0;
    while (succeeded < 4) {
      const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      expect(run.status).toBe('RUNNING');
      expect(run.executionCounts!.running).toBeLessThanOrEqual(2);
      expect(run.itemCounts!.total).toBe(12);
      succeeded = run.itemCounts!.succeeded!;
      await new Promise((r) => setTimeout(r, 25));
    }
    const before = project.concurrency().length;
    expect(Math.max(...project.concurrency())).toBeLessThanOrEqual(2);
    await h.sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 6, toleratedFailureCount: 3 }));
    const updated = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(updated).toMatchObject({ maxConcurrency: 6, toleratedFailureCount: 3 });

    const done = await settled(h.sfn, executionArn!, 15_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toHaveLength(12);
    const after = project.concurrency().slice(before);
    expect(Math.max(...after)).toBeGreaterThan(2);
    expect(Math.max(...after)).toBeLessThanOrEqual(6);
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 6 });
    expect(run.executionCounts).toMatchObject({ succeeded: 12, running: 0, pending: 0, total: 12 });

    await expect(h.sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 1 }))).rejects.toMatchObject(
      {
        name: 'ValidationException',
      },
    );
    await expect(
      h.sfn.send(new UpdateMapRunCommand({ mapRunArn: `${mapRunArn.slice(0, -4)}0000`, maxConcurrency: 1 })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  }, 20_000);

  it('StopExecution aborts the map run and its running children', async () => {
    const { executionArn } = await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: MACHINE,
        input: JSON.stringify({ items: items(6, 3000) }),
      }),
    );
    const mapRunArn = await mapRunOf(executionArn!);
    for (let running = 0; running < 2; await new Promise((r) => setTimeout(r, 20)))
      running = (await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!.running!;
    await h.sfn.send(new StopExecutionCommand({ executionArn }));
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run.status).toBe('ABORTED');
    expect(run.executionCounts).toMatchObject({ aborted: 2, pending: 4, running: 0, total: 6 });
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = events!.map((e) => e.type);
    expect(types.indexOf('MapRunAborted')).toBeGreaterThan(types.indexOf('MapRunStarted'));
    expect(types.at(-1)).toBe('ExecutionAborted');
    const { executions } = await h.sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(executions!.map((e) => e.status)).toEqual(['ABORTED', 'ABORTED']);
    const machine = await h.sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: executions![0].executionArn }),
    );
    expect(machine).toMatchObject({ mapRunArn, label: 'Each', stateMachineArn: `${MACHINE}/Each` });
  }, 20_000);
});
