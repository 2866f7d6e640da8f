// Every intrinsic function, its argument rules and escapes, run through a Pass state's Parameters.
import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic } from '../../../src/services/workflows/intrinsics/evaluate.js';
import { parseIntrinsic } from '../../../src/services/workflows/intrinsics/parse.js';
import { INTRINSICS } from '../../../src/services/workflows/intrinsics/registry.js';
import { run, single } from './helpers/run.js';

const call = (text: string, input: Record<string, unknown> = {}) =>
  evaluateIntrinsic(parseIntrinsic(text), (p) => (p === '$' ? input : input[p.replace(/^\$\./, '')]));

describe('intrinsic functions', () => {
  it('defines all 18 AWS intrinsics', () => {
    expect(Object.keys(INTRINSICS).sort()).toEqual(
      [
        'States.Array',
        'States.ArrayContains',
        'States.ArrayGetItem',
        'States.ArrayLength',
        'States.ArrayPartition',
        'States.ArrayRange',
        'States.ArrayUnique',
        'States.Base64Decode',
        'States.Base64Encode',
        'States.Format',
        'States.Hash',
        'States.JsonMerge',
        'States.JsonToString',
        'States.MathAdd',
        'States.MathRandom',
        'States.StringSplit',
        'States.StringToJson',
        'States.UUID',
      ].sort(),
    );
  });

  it.each([
    ["States.Format('Hello {}, {}!', 'a', 1)", 'Hello a, 1!'],
    ["States.Format('\\{\\} {}', 'x')", '{} x'],
    ["States.Format('it\\'s {}', true)", "it's true"],
    ["States.Format('{}', $.o)", '{a=1, b=[1, 2]}'],
    ['States.StringToJson(\'{"a":1}\')', { a: 1 }],
    ["States.StringToJson('')", null],
    ['States.JsonToString($.o)', '{"a":1,"b":[1,2]}'],
    ["States.Array(1, 'two', null, true)", [1, 'two', null, true]],
    ['States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2)', [[1, 2], [3, 4], [5]]],
    ['States.ArrayContains(States.Array(1, 2), 2)', true],
    ['States.ArrayRange(1, 9, 2)', [1, 3, 5, 7, 9]],
    ['States.ArrayRange(5, 1, -2)', [5, 3, 1]],
    ['States.ArrayGetItem(States.Array(5, 6, 7), 1)', 6],
    ['States.ArrayLength(States.Array(5, 6, 7))', 3],
    ['States.ArrayUnique(States.Array(1, 1, 2, 1))', [1, 2]],
    ["States.Base64Encode('Data to encode')", 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", 'Data to encode'],
    ["States.Hash('input data', 'SHA-1')", 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ['States.JsonMerge($.o, $.p, false)', { a: 2, b: [1, 2], c: 3 }],
    ['States.MathAdd(1.5, -1.49)', 1],
    ["States.StringSplit('a,b;;c', ',;')", ['a', 'b', 'c']],
  ])('%s', (text, expected) => {
    expect(call(text, { o: { a: 1, b: [1, 2] }, p: { a: 2, c: 3 } })).toEqual(expected);
  });

  it('States.MathRandom stays in [start, end) and is reproducible with a seed', () => {
    for (let i = 0; i < 50; i++) {
      const v = call('States.MathRandom(10, 20)') as number;
      expect(v).toBeGreaterThanOrEqual(10);
      expect(v).toBeLessThan(20);
    }
    expect(call('States.MathRandom(0, 1000, 7)')).toBe(call('States.MathRandom(0, 1000, 7)'));
  });

  it('States.UUID returns a v4 UUID', () => {
    expect(call('States.UUID()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['States.ArrayPartition(States.Array(1), 0)', /chunk size greater than 0/],
    ["States.ArrayLength('x')", /argument 1 to be of type array/],
    ['States.ArrayGetItem(States.Array(1), 3)', /outside an array/],
    ['States.ArrayRange(1, 2, 0)', /non-zero step/],
    ['States.ArrayRange(0, 5000, 1)', /more than 1000/],
    ["States.Hash('x', 'SHA-3')", /supports the algorithms/],
    ['States.JsonMerge($.o, $.p, true)', /shallow/],
    ["States.Format('{} {}', 'only one')", /more placeholders/],
    ['States.MathRandom(5, 5)', /less than end/],
    ['States.UUID(1)', /expects 0 argument/],
    ["States.Base64Decode('%%%')", /not base64/],
  ])('%s fails with States.IntrinsicFailure', (text, message) => {
    expect(() => call(text, { o: {}, p: {} })).toThrow(message);
    try {
      call(text, { o: {}, p: {} });
    } catch (e) {
      expect((e as { error: string }).error).toBe('States.IntrinsicFailure');
    }
  });

  it('rejects nesting deeper than 10 levels', () => {
    const deep = 'States.Array('.repeat(11) + ')'.repeat(11);
    expect(() => parseIntrinsic(deep)).toThrow(/at most 10/);
    expect(() => parseIntrinsic('States.Array('.repeat(10) + ')'.repeat(10))).not.toThrow();
  });

  it('resolves input, context and variable paths inside a Pass state', async () => {
    const r = await run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { greeting: 'hi' }, Next: 'B' },
          B: {
            Type: 'Pass',
            Parameters: { 'out.$': "States.Format('{} {} from {}', $greeting, $.name, $$.State.Name)" },
            End: true,
          },
        },
      },
      { name: 'Ann' },
    );
    expect(r.output).toEqual({ out: 'hi Ann from B' });
  });

  it('an intrinsic failure fails the execution with States.IntrinsicFailure', async () => {
    const r = await run(single({ Type: 'Pass', Parameters: { 'x.$': 'States.ArrayLength($.notArray)' } }), {
      notArray: 1,
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.IntrinsicFailure');
  });
});
