// The JSONPath dialect: reads with Jayway's error texts, reference paths, filters, slices, and Choice rules.
import { describe, expect, it } from 'vitest';
import { matchesRule } from '../../../src/services/workflows/choice/evaluate.js';
import { parseTimestamp } from '../../../src/services/workflows/choice/timestamp.js';
import { readPath } from '../../../src/services/workflows/jsonpath/query.js';
import { setReference } from '../../../src/services/workflows/jsonpath/reference.js';
import type { PathSources } from '../../../src/services/workflows/jsonpath/payload.js';

const doc = {
  a: { b: [1, 2, 3], c: 'x' },
  users: [
    { n: 'a', s: 0 },
    { n: 'b', s: 1 },
  ],
  "we'ird": 1,
};

describe('readPath', () => {
  it.each([
    ['$', doc],
    ['$.a.c', 'x'],
    ["$['a']['b'][1]", 2],
    ['$.a.b[-1]', 3],
    ['$.a.b[*]', [1, 2, 3]],
    ['$.a.b[1:]', [2, 3]],
    ['$.a.b[:2]', [1, 2]],
    ['$.a.b[0,2]', [1, 3]],
    ['$..n', ['a', 'b']],
    ['$.users[?(@.s == 1)].n', ['b']],
    ["$.users[?(@.n == 'a' || @.s > 0)].s", [0, 1]],
    ['$.a.b.length()', 3],
    ["$['we\\'ird']", 1],
  ])('%s', (path, expected) => {
    expect(readPath(path, doc)).toEqual(expected);
  });

  it.each([
    ['$.nope', "No results for path: $['nope']"],
    ['$.nope.deeper', "Missing property in path $['nope']"],
    ['$.a.b[9]', 'Index out of bounds'],
  ])('%s fails with Jayway’s message', (path, message) => {
    expect(() => readPath(path, doc)).toThrow(message);
  });
});

describe('setReference', () => {
  it('replaces, creates intermediate objects, and never mutates the input', () => {
    const input = { a: { keep: 1 } };
    expect(setReference(input, '$.a.b.c', 5)).toEqual({ a: { keep: 1, b: { c: 5 } } });
    expect(input).toEqual({ a: { keep: 1 } });
    expect(setReference([1, 2], '$[1]', 'x')).toEqual([1, 'x']);
    expect(() => setReference('text', '$.a', 1)).toThrow(/Unable to apply ResultPath/);
  });
});

describe('Choice rules', () => {
  const sources = (input: unknown): PathSources => ({
    input,
    context: {},
    variable: () => ({ found: false, value: undefined }),
    cause: (d) => d,
  });
  const m = (rule: object, input: unknown) => matchesRule({ Variable: '$.v', ...rule }, sources(input));

  it.each([
    [{ StringMatches: 'log-*.txt' }, { v: 'log-2024.txt' }, true],
    [{ StringMatches: 'a\\*b' }, { v: 'a*b' }, true],
    [{ StringMatches: 'a\\*b' }, { v: 'aXb' }, false],
    [{ NumericEquals: 1 }, { v: '1' }, false],
    [{ NumericLessThanPath: '$.w' }, { v: 1, w: 2 }, true],
    [{ BooleanEquals: false }, { v: false }, true],
    [{ TimestampLessThan: '2024-01-01T00:00:00Z' }, { v: '2023-12-31T23:59:59.999+00:00' }, true],
    [{ IsTimestamp: true }, { v: '2024-02-30T00:00:00Z' }, false],
    [{ IsPresent: false }, {}, true],
    [{ IsNull: true }, { v: null }, true],
    [{ IsNumeric: true }, {}, false],
    [{ StringEquals: 'x' }, {}, false],
  ])('%j on %j is %s', (rule, input, expected) => {
    expect(m(rule, input)).toBe(expected);
  });

  it('combines rules with And, Or and Not', () => {
    const rule = {
      And: [{ Variable: '$.a', NumericGreaterThan: 1 }, { Not: { Variable: '$.b', StringEquals: 'no' } }],
    };
    expect(matchesRule(rule, sources({ a: 2, b: 'yes' }))).toBe(true);
    expect(matchesRule({ Or: [rule, { Variable: '$.c', IsPresent: true }] }, sources({ a: 0, c: 1 }))).toBe(
      true,
    );
    expect(matchesRule(rule, sources({ a: 2, b: 'no' }))).toBe(false);
  });

  it('parses RFC 3339 timestamps strictly', () => {
    expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01T01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01 00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('2024-01-01T00:00:00')).toBeUndefined();
  });
});
