// Parallel branches and inline Map: inputs, results, concurrency, failure propagation and events.
import { describe, expect, it } from 'vitest';
import { TaskFailedError } from '../../../src/services/workflows/index.js';
import { invokerOf, run } from './helpers/run.js';

describe('Parallel', () => {
  it('runs every branch on the same input and returns their outputs in order', async () => {
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Parameters: { 'n.$': '$.n' },
            ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1].m' },
            Branches: [
              { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 5, End: true } } },
              {
                StartAt: 'B',
                States: { B: { Type: 'Pass', Parameters: { 'm.$': 'States.MathAdd($.n, 1)' }, End: true } },
              },
            ],
            ResultPath: '$.out',
            End: true,
          },
        },
      },
      { n: 1 },
    );
    expect(r.output).toEqual({ n: 1, out: { first: { n: 1 }, second: 2 } });
    expect(r.types).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'WaitStateEntered',
      'PassStateEntered',
      'PassStateExited',
      'WaitStateExited',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails with the first branch error, aborting the other branches', async () => {
    const slow = 'arn:aws:lambda:us-east-1:000000000000:function:slow';
    const invoker = invokerOf({ [slow]: () => new Promise(() => undefined) });
    const r = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'T', States: { T: { Type: 'Task', Resource: slow, End: true } } },
              { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Nope', Cause: 'bad' } } },
            ],
            End: true,
          },
        },
      },
      {},
      { invoker },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Nope', cause: 'bad' });
    expect(r.types).toContain('TaskStateAborted');
    expect(r.types).toContain('ParallelStateFailed');
  });
});

describe('inline Map', () => {
  it('runs the processor per item with ItemSelector and $$.Map.Item', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: {
              'value.$': '$$.Map.Item.Value',
              'index.$': '$$.Map.Item.Index',
              'prefix.$': '$.prefix',
            },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'F',
              States: {
                F: {
                  Type: 'Pass',
                  Parameters: { 'label.$': "States.Format('{}{}-{}', $.prefix, $.value, $.index)" },
                  End: true,
                },
              },
            },
            ResultPath: '$.labels',
            End: true,
          },
        },
      },
      { prefix: 'item', items: ['a', 'b', 'c'] },
    );
    expect((r.output as { labels: unknown }).labels).toEqual([
      { label: 'itema-0' },
      { label: 'itemb-1' },
      { label: 'itemc-2' },
    ]);
    expect(r.types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(r.events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({
      length: 3,
    });
  });

  it('respects MaxConcurrency', async () => {
    let running = 0;
    let peak = 0;
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:work';
    const invoker = invokerOf({
      [fn]: async (x) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        return x;
      },
    });
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: fn, End: true } } },
            End: true,
          },
        },
      },
      [1, 2, 3, 4, 5],
      { invoker },
    );
    expect(r.output).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('fails when an iteration fails, and Retry reruns the whole Map', async () => {
    let calls = 0;
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:once';
    const invoker = invokerOf({
      [fn]: (x) => {
        if (calls++ === 0) throw new TaskFailedError('Flaky', 'first call');
        return x;
      },
    });
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 1,
            Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
            ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: fn, End: true } } },
            End: true,
          },
        },
      },
      [1, 2],
      { invoker },
    );
    expect(r.output).toEqual([1, 2]);
    expect(r.types.filter((t) => t === 'MapStateStarted')).toHaveLength(2);
    expect(r.types).toContain('MapIterationFailed');
  });

  it('rejects a non-array input with AWS’s message', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { not: 'array' },
    );
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('Map state input must be an array but was: {"not":"array"}');
  });

  it('batches items with ItemBatcher', async () => {
    const r = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { tag: 't' } },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'P',
              States: { P: { Type: 'Pass', End: true } },
            },
            End: true,
          },
        },
      },
      [1, 2, 3],
    );
    expect(r.output).toEqual([
      { BatchInput: { tag: 't' }, Items: [1, 2] },
      { BatchInput: { tag: 't' }, Items: [3] },
    ]);
    expect(r.types).toContain('MapRunStarted');
    expect(r.types).not.toContain('MapIterationStarted');
  });
});

describe('Distributed Map hooks', () => {
  const def = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: 'b', 'Key.$': '$.key' },
        },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out' } },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    },
  };

  it('reads items through readItems and stores results through writeResults', async () => {
    const seen: unknown[] = [];
    const r = await run(
      def,
      { key: 'items.json' },
      {
        mapRuns: {
          readItems: async (reader) => (seen.push(reader), [1, 2, 3]),
          writeResults: async (writer, results) => ({
            written: results.length,
            to: (writer.Parameters as { Bucket: string }).Bucket,
          }),
        },
      },
    );
    expect(seen[0]).toMatchObject({ Parameters: { Bucket: 'b', Key: 'items.json' } });
    expect(r.output).toEqual({ written: 3, to: 'out' });
  });

  it('fails clearly without Distributed Map support', async () => {
    const r = await run(def, { key: 'k' });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('ItemReader is not available');
  });
});
