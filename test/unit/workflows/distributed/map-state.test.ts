// A DISTRIBUTED Map in the engine alone (children on the in-process host): ItemBatcher limits from paths
// and JSONata, BatchInput templates, MapRun* history events, and the tolerated failure threshold.
import { describe, expect, it } from 'vitest';
import {
  parseDefinition,
  startExecution,
  type TaskInvoker,
} from '../../../../src/services/workflows/index.js';

const failOn = (bad: (input: unknown) => boolean): TaskInvoker =>
  ({
    async invoke(_resource: string, input: unknown) {
      if (bad(input)) throw new Error('bad input');
      return input;
    },
  }) as TaskInvoker;

function distributed(extra: Record<string, unknown>, queryLanguage?: 'JSONata') {
  return parseDefinition({
    ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'T',
          States: {
            T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', End: true },
          },
        },
        End: true,
        ...extra,
      },
    },
  });
}

describe('Distributed Map in the engine', () => {
  it('batches with MaxItemsPerBatchPath and a BatchInput template', async () => {
    const run = startExecution(
      distributed({
        ItemsPath: '$.items',
        ItemBatcher: { MaxItemsPerBatchPath: '$.size', BatchInput: { 'tag.$': '$.tag' } },
      }),
      { items: [1, 2, 3, 4, 5], size: 2, tag: 't' },
      {
        invoker: failOn(() => false),
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
      },
    );
    const result = await run.result;
    expect(result.output).toEqual([
      { BatchInput: { tag: 't' }, Items: [1, 2] },
      { BatchInput: { tag: 't' }, Items: [3, 4] },
      { BatchInput: { tag: 't' }, Items: [5] },
    ]);
    const types = run.events.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MapStateStarted', 'MapRunStarted', 'MapRunSucceeded']));
    const started = run.events.events.find((e) => e.type === 'MapRunStarted')!;
    expect((started.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:mapRun:m\/M:[0-9a-f-]{36}$/,
    );
  });

  it('reads JSONata batch limits', async () => {
    const run = startExecution(
      distributed(
        { Items: '{% $states.input.items %}', ItemBatcher: { MaxItemsPerBatch: '{% 1 + 2 %}' } },
        'JSONata',
      ),
      { items: [1, 2, 3, 4] },
      { invoker: failOn(() => false) },
    );
    const result = await run.result;
    expect(result.output).toEqual([{ Items: [1, 2, 3] }, { Items: [4] }]);
  });

  it('tolerates failures up to the percentage, then fails with AWS error and cause', async () => {
    const invoker = failOn((input) => (input as number) % 3 === 0);
    const tolerant = await startExecution(distributed({ ToleratedFailurePercentage: 40 }), [1, 2, 3, 4, 5], {
      invoker,
    }).result;
    expect(tolerant.status).toBe('SUCCEEDED');
    expect((tolerant.output as unknown[])[2]).toMatchObject({ Error: 'Lambda.Unknown' });

    const strict = startExecution(distributed({ ToleratedFailurePercentage: 10 }), [1, 2, 3, 4, 5], {
      invoker,
    });
    expect(await strict.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    expect(strict.events.events.find((e) => e.type === 'MapRunFailed')?.mapRunFailedEventDetails).toEqual({
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
  });
});
