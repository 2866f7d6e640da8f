// Distributed Map children are real executions: listed by ListExecutions({ mapRunArn }) with their own
// histories, counted in DescribeMapRun, written by ResultWriter with AWS's fields (tolerated failures
// in FAILED_0.json), and a run that fails more than it tolerates fails with
// States.ExceedToleratedFailureThreshold. Real handlers from a SAM template, real SDK clients.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, settled, startWorkflows, type WorkflowsHarness } from './harness.js';
import { items, mapProject, mapState } from './distributed-project.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:fanout';

describe('Distributed Map child executions', () => {
  const project = mapProject({
    StartAt: 'Choose',
    States: {
      Choose: {
        Type: 'Choice',
        Choices: [{ Variable: '$.strict', BooleanEquals: true, Next: 'Strict' }],
        Default: 'Tolerant',
      },
      Tolerant: mapState('STANDARD', {
        MaxConcurrency: 3,
        ToleratedFailureCount: 1,
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'results', Prefix: 'out' },
        },
      }),
      Strict: mapState('EXPRESS', { ToleratedFailurePercentage: 20, Label: 'Strictly' }),
    },
  });
  let h: WorkflowsHarness;
  let s3: S3Client;
  beforeAll(async () => {
    h = await startWorkflows({ template: project.template });
    s3 = new S3Client({ ...clientConfig(h.eddy.endpoint), forcePathStyle: true });
  }, 60_000);
  afterAll(async () => {
    s3?.destroy();
    await h?.stop();
  });

  it('runs each item as a listed child execution and writes AWS-shaped results', async () => {
    const { executionArn } = await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: MACHINE,
        name: 'tolerant',
        input: JSON.stringify({ items: items(5, 20, [3]) }),
      }),
    );
    const done = await settled(h.sfn, executionArn!, 15_000);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!) as {
      MapRunArn: string;
      ResultWriterDetails: { Bucket: string; Key: string };
    };
    expect(output.MapRunArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:mapRun:fanout\/Tolerant:[0-9a-f-]{36}$/,
    );

    const parent = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = parent.events!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MapRunStarted', 'MapRunSucceeded']));
    expect(parent.events!.find((e) => e.type === 'MapRunStarted')!.mapRunStartedEventDetails).toEqual({
      mapRunArn: output.MapRunArn,
    });

    const { mapRuns } = await h.sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    expect(mapRuns![0]).toMatchObject({
      mapRunArn: output.MapRunArn,
      stateMachineArn: `${MACHINE}/Tolerant`,
    });
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn: output.MapRunArn }));
    expect(run).toMatchObject({
      executionArn,
      status: 'SUCCEEDED',
      maxConcurrency: 3,
      toleratedFailureCount: 1,
      toleratedFailurePercentage: 0,
    });
    const counts = { pending: 0, running: 0, succeeded: 4, failed: 1, timedOut: 0, aborted: 0, total: 5 };
    expect(run.itemCounts).toMatchObject({ ...counts, resultsWritten: 5 });
    expect(run.executionCounts).toMatchObject({ ...counts, resultsWritten: 5 });

    const { executions } = await h.sfn.send(new ListExecutionsCommand({ mapRunArn: output.MapRunArn }));
    expect(executions).toHaveLength(5);
    for (const child of executions!) {
      expect(child).toMatchObject({
        mapRunArn: output.MapRunArn,
        itemCount: 1,
        stateMachineArn: `${MACHINE}/Tolerant`,
      });
      expect(child.executionArn).toMatch(/:execution:fanout\/Tolerant:[0-9a-f-]{36}$/);
    }
    const failed = executions!.find((e) => e.status === 'FAILED')!;
    const described = await h.sfn.send(new DescribeExecutionCommand({ executionArn: failed.executionArn }));
    expect(described).toMatchObject({ mapRunArn: output.MapRunArn, error: 'ItemFailed' });
    expect(JSON.parse(described.input!)).toMatchObject({ id: 'item-3' });
    const history = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: failed.executionArn }));
    expect(history.events![0].type).toBe('ExecutionStarted');
    expect(history.events!.map((e) => e.type)).toContain('TaskStateEntered');
    expect(history.events!.at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'ItemFailed' },
    });

    const read = async (Key: string) =>
      JSON.parse(
        await (await s3.send(new GetObjectCommand({ Bucket: 'results', Key }))).Body!.transformToString(),
      );
    const manifest = await read(output.ResultWriterDetails.Key);
    expect(manifest.MapRunArn).toBe(output.MapRunArn);
    const succeeded = (await read(manifest.ResultFiles.SUCCEEDED[0].Key)) as Record<string, unknown>[];
    expect(succeeded).toHaveLength(4);
    const arns = new Set(executions!.map((e) => e.executionArn));
    for (const entry of succeeded) {
      expect(arns.has(entry.ExecutionArn as string)).toBe(true);
      expect(entry).toMatchObject({ Status: 'SUCCEEDED', StateMachineArn: `${MACHINE}/Tolerant` });
      const input = JSON.parse(entry.Input as string) as { id: string; n: number };
      expect(JSON.parse(entry.Output as string)).toEqual({ id: input.id, doubled: input.n * 2 });
    }
    const failures = (await read(manifest.ResultFiles.FAILED[0].Key)) as Record<string, unknown>[];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      Status: 'FAILED',
      Error: 'ItemFailed',
      ExecutionArn: failed.executionArn,
    });
    expect(failures[0].Cause).toContain('bad item item-3');

    // The progress record the CLI and console read: the last one says the run is over.
    const record = await h.eddy.waitFor(
      (r) => r.kind === 'map-run' && r.resource === output.MapRunArn && r.payload.status === 'SUCCEEDED',
    );
    expect(record.payload.itemCounts).toMatchObject(counts);
  }, 20_000);

  it('fails the run past the tolerated percentage; EXPRESS children are listed without history', async () => {
    const { executionArn } = await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: MACHINE,
        input: JSON.stringify({ strict: true, items: items(6, 0, [1, 2, 4]) }),
      }),
    );
    const done = await settled(h.sfn, executionArn!, 15_000);
    expect(done).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    const parent = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const mapRunFailed = parent.events!.find((e) => e.type === 'MapRunFailed');
    expect(mapRunFailed?.mapRunFailedEventDetails).toEqual({
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    const { mapRuns } = await h.sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns![0].mapRunArn).toContain(':mapRun:fanout/Strictly:');
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
    expect(run.status).toBe('FAILED');
    expect(run.toleratedFailurePercentage).toBe(20);
    expect(run.itemCounts!.failed).toBeGreaterThanOrEqual(2);
    expect(run.itemCounts!.running).toBe(0);
    const { executions } = await h.sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns![0].mapRunArn }));
    expect(executions!.length).toBe(run.executionCounts!.total! - run.executionCounts!.pending!);
    const child = executions![0];
    expect(child.executionArn).toMatch(/:express:fanout\/Strictly:[0-9a-f-]{36}:/);
    const described = await h.sfn.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
    expect(described.mapRunArn).toBe(mapRuns![0].mapRunArn);
    await expect(
      h.sfn.send(new GetExecutionHistoryCommand({ executionArn: child.executionArn })),
    ).rejects.toMatchObject({ name: 'InvalidArn' });
  }, 20_000);
});
