// Executions through the unmodified @aws-sdk/client-sfn: both query languages, history paging,
// StartSyncExecution (with disableHostPrefix), StopExecution, task tokens, nested `.sync`, TestState.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TestStateCommand,
  ListMapRunsCommand,
  DescribeMapRunCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, ROLE, settled, startWorkflows, type WorkflowsHarness } from './harness.js';

const JSONPATH = {
  StartAt: 'Shape',
  States: {
    Shape: {
      Type: 'Pass',
      Parameters: { 'total.$': 'States.MathAdd($.a, $.b)', 'who.$': '$$.Execution.Name' },
      Next: 'Check',
    },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericGreaterThan: 10, Next: 'Big' }],
      Default: 'Small',
    },
    Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', End: true },
    Small: { Type: 'Fail', Error: 'TooSmall', Cause: 'total was not above 10' },
  },
};

const JSONATA = {
  QueryLanguage: 'JSONata',
  StartAt: 'Sum',
  States: {
    Sum: {
      Type: 'Pass',
      Assign: { factor: 2 },
      Output: '{% { "sum": $sum($states.input.items) } %}',
      Next: 'Scale',
    },
    Scale: {
      Type: 'Map',
      Items: '{% $range(1, 3, 1) %}',
      ItemProcessor: {
        StartAt: 'Times',
        States: { Times: { Type: 'Pass', Output: '{% $states.input * $factor %}', End: true } },
      },
      Output: '{% { "sum": $states.input.sum, "scaled": $states.result } %}',
      End: true,
    },
  },
};

async function machine(
  sfn: SFNClient,
  name: string,
  definition: object,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
) {
  const out = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, type }),
  );
  return out.stateMachineArn!;
}

describe('executions', () => {
  let h: WorkflowsHarness;
  beforeAll(async () => {
    h = await startWorkflows();
  }, 60_000);
  afterAll(() => h?.stop());

  it('runs a JSONPath machine, with history, listing and the definition it ran', async () => {
    const arn = await machine(h.sfn, 'jsonpath', JSONPATH);
    const started = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'run1', input: '{"a":5,"b":7}' }),
    );
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:jsonpath:run1');
    const done = await settled(h.sfn, started.executionArn!);
    expect(done).toMatchObject({ status: 'SUCCEEDED', name: 'run1', input: '{"a":5,"b":7}' });
    expect(JSON.parse(done.output!)).toEqual({ total: 12, who: 'run1', size: 'big' });
    await expect(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'run1', input: '{}' })),
    ).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    const failed = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"a":1,"b":2}' }),
    );
    expect(await settled(h.sfn, failed.executionArn!)).toMatchObject({
      status: 'FAILED',
      error: 'TooSmall',
      cause: 'total was not above 10',
    });

    const all: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.sfn.send(
        new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 3, nextToken }),
      );
      expect(page.events!.length).toBeLessThanOrEqual(3);
      all.push(...page.events!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(all[0].timestamp).toBeInstanceOf(Date);
    expect(all[1].stateEnteredEventDetails?.name).toBe('Shape');
    const reversed = await h.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: started.executionArn,
        reverseOrder: true,
        maxResults: 1,
      }),
    );
    expect(reversed.events![0].type).toBe('ExecutionSucceeded');

    const listed = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions!.map((e) => e.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
    const onlyFailed = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'FAILED' }),
    );
    expect(onlyFailed.executions).toHaveLength(1);
    const forExecution = await h.sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(JSON.parse(forExecution.definition!)).toEqual(JSONPATH);
    await expect(
      h.sfn.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:jsonpath:nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('runs JSONata with variables and an inline Map', async () => {
    const arn = await machine(h.sfn, 'jsonata', JSONATA);
    const started = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"items":[1,2,3]}' }),
    );
    const done = await settled(h.sfn, started.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ sum: 6, scaled: [2, 4, 6] });
  });

  it('answers StartSyncExecution for EXPRESS machines (the SDK client sets disableHostPrefix)', async () => {
    const arn = await machine(h.sfn, 'express', JSONATA, 'EXPRESS');
    const out = await h.sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"items":[5]}' }),
    );
    expect(out.status).toBe('SUCCEEDED');
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:express:/);
    expect(JSON.parse(out.output!)).toEqual({ sum: 5, scaled: [2, 4, 6] });
    expect(out.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
    const standard = await machine(h.sfn, 'not-express', JSONATA);
    await expect(
      h.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })),
    ).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });

  it('cannot reach eddy for StartSyncExecution without disableHostPrefix', async () => {
    // The SDK prepends `sync-` to the endpoint's host: sync-127.0.0.1 does not resolve.
    const plain = new SFNClient({ ...clientConfig(h.eddy.endpoint), maxAttempts: 1 });
    const arn = await machine(h.sfn, 'express-prefix', JSONATA, 'EXPRESS');
    await expect(
      plain.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"items":[]}' })),
    ).rejects.toThrow();
    plain.destroy();
  });

  it('stops a running execution', async () => {
    const arn = await machine(h.sfn, 'waiting', {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    const started = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect(
      (await h.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }))).status,
    ).toBe('RUNNING');
    const stopped = await h.sfn.send(
      new StopExecutionCommand({ executionArn: started.executionArn, error: 'Manual', cause: 'test' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const done = await h.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(done).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'test' });
  });

  it('waits for task tokens (success, failure caught, heartbeat) and rejects unknown tokens', async () => {
    const arn = await machine(h.sfn, 'callback', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
          Parameters: {
            Entries: [{ Source: 'test', DetailType: 'Ask', Detail: { 'token.$': '$$.Task.Token' } }],
          },
          HeartbeatSeconds: 600,
          Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.error', Next: 'Rejected' }],
          End: true,
        },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    const token = async (executionArn: string) => {
      for (;;) {
        const history = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        const scheduled = history.events!.find((e) => e.type === 'TaskScheduled');
        if (scheduled) {
          const parameters = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!);
          return parameters.Entries[0].Detail.token as string;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const one = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    const t1 = await token(one.executionArn!);
    await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: t1 }));
    await h.sfn.send(new SendTaskSuccessCommand({ taskToken: t1, output: '{"approved":true}' }));
    const done = await settled(h.sfn, one.executionArn!);
    expect(JSON.parse(done.output!)).toEqual({ approved: true });

    const two = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    await h.sfn.send(
      new SendTaskFailureCommand({
        taskToken: await token(two.executionArn!),
        error: 'Rejected',
        cause: 'no',
      }),
    );
    const caught = await settled(h.sfn, two.executionArn!);
    expect(JSON.parse(caught.output!)).toEqual({ error: { Error: 'Rejected', Cause: 'no' } });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: t1, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('runs nested executions with .sync and .sync:2', async () => {
    const child = await machine(h.sfn, 'child', {
      StartAt: 'Double',
      States: { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($.n, $.n)' }, End: true } },
    });
    const parent = await machine(h.sfn, 'parent', {
      StartAt: 'Sync',
      States: {
        Sync: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync',
          Parameters: { StateMachineArn: child, Input: { n: 2 } },
          ResultSelector: { 'out.$': '$.Output', 'status.$': '$.Status' },
          ResultPath: '$.one',
          Next: 'Sync2',
        },
        Sync2: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child, Input: { n: 5 } },
          ResultSelector: { 'v.$': '$.Output.v' },
          ResultPath: '$.two',
          End: true,
        },
      },
    });
    const started = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: parent, input: '{}' }));
    const done = await settled(h.sfn, started.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      one: { out: '{"v":4}', status: 'SUCCEEDED' },
      two: { v: 10 },
    });
    const children = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: child }));
    expect(children.executions).toHaveLength(2);
  });

  it('fails integrations eddy does not emulate with a clear error', async () => {
    const arn = await machine(h.sfn, 'dynamo', {
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 't' },
          End: true,
        },
      },
    });
    const started = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const done = await settled(h.sfn, started.executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(done.cause).toMatch(/does not emulate the integration 'arn:aws:states:::dynamodb:putItem'/);
  });

  it('publishes history as trace records', async () => {
    const arn = await machine(h.sfn, 'traced', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    const started = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const end = await h.eddy.waitFor(
      (r) =>
        r.kind === 'execution' &&
        r.resource === started.executionArn &&
        r.payload.type === 'ExecutionSucceeded',
    );
    const records = h.eddy.records.filter((r) => r.resource === started.executionArn);
    expect(records.map((r) => r.kind)).toEqual(['execution', 'state', 'state', 'execution']);
    expect(new Set(records.map((r) => r.traceId))).toEqual(new Set([end.traceId]));
    expect(records[1].payload).toMatchObject({
      type: 'PassStateEntered',
      state: 'A',
      summary: `traced/${started.executionArn!.split(':').pop()} PassStateEntered A`,
    });
  });

  it('tests a single state (TestState)', async () => {
    const out = await h.sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: 'Pass', Parameters: { 'x.$': '$.a' }, Next: 'After' }),
        roleArn: ROLE,
        input: '{"a":1}',
      }),
    );
    expect(out).toMatchObject({ status: 'SUCCEEDED', nextState: 'After' });
    expect(JSON.parse(out.output!)).toEqual({ x: 1 });
    const choice = await h.sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({
          Type: 'Choice',
          Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'One' }],
          Default: 'Other',
        }),
        roleArn: ROLE,
        input: '{"a":1}',
      }),
    );
    expect(choice.nextState).toBe('One');
  });

  it('lists and describes distributed map runs', async () => {
    const arn = await machine(h.sfn, 'distributed', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'One',
            States: { One: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const started = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"items":[1,2,3]}' }),
    );
    expect((await settled(h.sfn, started.executionArn!)).status).toBe('SUCCEEDED');
    const { mapRuns } = await h.sfn.send(new ListMapRunsCommand({ executionArn: started.executionArn }));
    expect(mapRuns).toHaveLength(1);
    expect(mapRuns![0].stateMachineArn).toBe(`${arn}/Each`);
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
    expect(run).toMatchObject({ executionArn: started.executionArn, status: 'SUCCEEDED' });
    expect(run.itemCounts).toMatchObject({ total: 3, succeeded: 3 });
  });
});
