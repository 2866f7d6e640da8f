// JSONata mode: {% %} expressions, Arguments, Output, Assign, $states, AWS's added functions.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/services/workflows/index.js';
import { invokerOf, run, single } from './helpers/run.js';

const JSONATA = { QueryLanguage: 'JSONata' };

describe('JSONata query language', () => {
  it('evaluates Output with $states.input and keeps non-expression strings literal', async () => {
    const r = await run(
      single(
        {
          Type: 'Pass',
          Output: {
            sum: '{% $sum($states.input.n) %}',
            literal: ' {% 1 %} ',
            nested: ['{% $states.input.n[0] %}'],
          },
        },
        JSONATA,
      ),
      { n: [1, 2, 3] },
    );
    expect(r.output).toEqual({ sum: 6, literal: ' {% 1 %} ', nested: [1] });
  });

  it('passes Arguments to the task and exposes $states.result to Output and Assign', async () => {
    const invoker = invokerOf({
      'arn:aws:lambda:us-east-1:000000000000:function:f': (x) => ({ doubled: (x as { v: number }).v * 2 }),
    });
    const r = await run(
      {
        ...JSONATA,
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
            Arguments: { v: '{% $states.input.value %}' },
            Assign: { before: '{% $states.input.value %}', got: '{% $states.result.doubled %}' },
            Output: '{% $states.result %}',
            Next: 'P',
          },
          P: { Type: 'Pass', Output: { before: '{% $before %}', got: '{% $got %}' }, End: true },
        },
      },
      { value: 21 },
      { invoker },
    );
    expect(invoker.calls[0].input).toEqual({ v: 21 });
    expect(r.output).toEqual({ before: 21, got: 42 });
  });

  it('provides $partition, $range, $hash, $random, $uuid and $parse', async () => {
    const r = await run(
      single(
        {
          Type: 'Pass',
          Output: {
            partition: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            hash: "{% $hash('input data', 'MD5') %}",
            random: '{% $random(42) = $random(42) %}',
            uuid: '{% $length($uuid()) %}',
            parse: '{% $parse(\'{"a":[1]}\') %}',
          },
        },
        JSONATA,
      ),
    );
    expect(r.output).toEqual({
      partition: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      hash: '812f45842bc6d66ee14572ce20db8e86',
      random: true,
      uuid: 36,
      parse: { a: [1] },
    });
  });

  it('implements JSONata 2.0.6, as AWS does: 2.1 operators such as ?? are rejected', async () => {
    const diagnostics = validateDefinition(
      single({ Type: 'Pass', Output: '{% $states.input.a ?? 1 %}' }, JSONATA),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain('Invalid JSONata expression');
    expect(diagnostics[0].location).toBe('/States/S/Output');
  });

  it('makes $eval unavailable', async () => {
    const r = await run(single({ Type: 'Pass', Output: "{% $eval('1 + 1') %}" }, JSONATA));
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.types).toContain('EvaluationFailed');
  });

  it('fails with AWS’s message when an expression returns nothing', async () => {
    const r = await run(single({ Type: 'Pass', Output: { x: '{% $nothing %}' } }, JSONATA));
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toBe(
      "An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression '$nothing' specified for the field 'Output/x' returned nothing (undefined).",
    );
  });

  it('routes a Choice on Condition and exposes $states.context', async () => {
    const def = {
      ...JSONATA,
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big', Output: { size: 'big' } }],
          Default: 'Small',
        },
        Big: {
          Type: 'Pass',
          Output: '{% $merge([$states.input, {"state": $states.context.State.Name}]) %}',
          End: true,
        },
        Small: { Type: 'Succeed' },
      },
    };
    expect((await run(def, { n: 11 })).output).toEqual({ size: 'big', state: 'Big' });
    expect((await run(def, { n: 1 })).output).toEqual({ n: 1 });
  });

  it('mixes query languages per state', async () => {
    const r = await run(
      {
        StartAt: 'A',
        States: {
          A: {
            Type: 'Pass',
            QueryLanguage: 'JSONata',
            Output: { v: '{% $states.input.x + 1 %}' },
            Next: 'B',
          },
          B: { Type: 'Pass', Parameters: { 'w.$': '$.v' }, End: true },
        },
      },
      { x: 1 },
    );
    expect(r.output).toEqual({ w: 2 });
  });

  it('evaluates Map Items and the Wait Seconds expression', async () => {
    const r = await run(
      {
        ...JSONATA,
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'M' },
          M: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: {
              v: '{% $states.context.Map.Item.Value * 10 %}',
              i: '{% $states.context.Map.Item.Index %}',
            },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { delay: 30, list: [1, 2] },
    );
    expect(r.output).toEqual([
      { v: 10, i: 0 },
      { v: 20, i: 1 },
    ]);
    expect(r.clock.now() - Date.UTC(2026, 0, 1)).toBe(30_000);
  });
});
