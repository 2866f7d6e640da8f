// Validation messages beyond the recorded corpus (aws/event-ruler's texts), the size and `$or` limits,
// JSON syntax errors in Jackson's words, and the InvalidEventPatternException wrapper.
import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  invalidPatternMessage,
  MAX_PATTERN_LENGTH,
  PatternError,
  validatePattern,
} from '../../../src/patterns/index.js';

const reason = (pattern: unknown): string | null =>
  validatePattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));

describe('validatePattern', () => {
  it.each([
    [{ a: 1 }, '"a" must be an object or an array'],
    [{ a: [] }, 'Empty arrays are not allowed'],
    [{}, 'Empty objects are not allowed'],
    [{ a: {} }, 'Empty objects are not allowed'],
    [{ a: [[1]] }, 'Match value must be String, number, true, false, or null'],
    [{ a: [{}] }, 'Match expression name not found'],
    [{ a: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed in match expression'],
    [{ a: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    [{ a: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
    [{ a: [{ numeric: [5] }] }, 'Invalid member in numeric match: 5'],
    [{ a: [{ numeric: ['!', 5] }] }, 'Unrecognized numeric range operator: !'],
    [{ a: [{ numeric: ['=', 'x'] }] }, 'Value of equals must be numeric'],
    [{ a: [{ numeric: ['<', 1, '>', 0] }] }, 'Too many elements in numeric expression'],
    [{ a: [{ numeric: ['>', 0, '<', 1, 2] }] }, 'Too many terms in numeric range expression'],
    [{ a: [{ numeric: ['>', 0, 1] }] }, 'Bad value in numeric range: 1'],
    [{ a: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top'],
    [{ a: [{ numeric: ['>', 6e9] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [
      { a: [{ 'anything-but': [] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      { a: [{ 'anything-but': ['a', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [{ a: [{ 'anything-but': { exists: true } }] }, 'Unsupported anything-but pattern: exists'],
    [{ a: [{ 'anything-but': {} }] }, 'Anything-But expression name not found'],
    [{ a: [{ prefix: { suffix: 'x' } }] }, 'Unsupported prefix pattern: suffix'],
    [{ a: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 1'],
    [{ a: [{ wildcard: 'ab**' }] }, 'Consecutive wildcard characters at pos 3'],
    [{ a: [{ wildcard: '*a*b*c*d*e*' }] }, expect.stringContaining('Rule is too complex')],
    [{ a: [{ cidr: '10.0.0.0/32' }] }, 'IPv4 mask bits must be < 32'],
    [{ a: [{ cidr: '10.0.0.0/-1' }] }, 'Malformed CIDR, mask bits must not be negative'],
    [{ a: [{ cidr: '300.0.0.0/8' }] }, 'Invalid IP address: 300.0.0.0'],
    [{ $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['1'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [
      { $or: [{ prefix: ['1'] }, { b: ['2'] }] },
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    [{ a: [{ NUMERIC: ['=', 5] }] }, 'Unrecognized match type NUMERIC'],
  ])('%j → %s', (pattern, message) => {
    expect(reason(pattern)).toEqual(message);
  });

  it('accepts valid patterns and repeated keys (the last one wins)', () => {
    expect(reason({ a: [{ prefix: { 'equals-ignore-case': 'x' } }] })).toBeNull();
    expect(reason('{"a": [1], "a": [{"prefix": "x"}]}')).toBeNull();
    expect(compilePattern('{"a": ["x"], "a": ["y"]}').matches({ a: 'y' })).toBe(true);
    expect(compilePattern('{"a": ["x"], "a": ["y"]}').matches({ a: 'x' })).toBe(false);
  });

  it('limits patterns to 4096 characters', () => {
    const long = JSON.stringify({ a: ['x'.repeat(MAX_PATTERN_LENGTH)] });
    expect(reason(long)).toContain('4096');
    const fits = JSON.stringify({ a: ['x'.repeat(MAX_PATTERN_LENGTH - 20)] });
    expect(fits.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    expect(reason(fits)).toBeNull();
  });

  it('limits $or to 1000 combinations', () => {
    const or = (k: string, n: number) => ({
      $or: Array.from({ length: n }, (_, i) => ({ [`${k}${i}`]: [i] })),
    });
    const ten = { x: or('a', 10), y: { ...or('b', 10) }, z: { ...or('c', 10) } };
    expect(reason(ten)).toBeNull();
    const tooMany = { ...ten, w: or('d', 2) };
    expect(reason(tooMany)).toMatch(/\$or combinations/);
  });

  it('reports JSON syntax errors in Jackson’s words', () => {
    expect(reason('this is valid json but not a dict')?.split('\n')[0]).toBe(
      "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    );
    expect(reason("{'bad': 'quotation'}")?.split('\n')[0]).toBe(
      "Unexpected character (''' (code 39)): was expecting double-quote to start field name",
    );
    expect(reason('["not", "a", "dict"]')?.split('\n')[0]).toBe('Filter is not an object');
  });

  it('throws PatternError from compilePattern, wrapped by invalidPatternMessage', () => {
    expect(() => compilePattern('{"int": 42}')).toThrow(PatternError);
    expect(invalidPatternMessage('"int" must be an object or an array')).toBe(
      'Event pattern is not valid. Reason: "int" must be an object or an array',
    );
  });
});
