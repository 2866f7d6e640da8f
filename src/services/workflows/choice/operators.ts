// The comparison operators of Choice rules, each with its `*Path` twin
// (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html#amazon-states-language-choice-state-rules).
// A value of the wrong type never matches (it is not an error).
import { parseTimestamp } from './timestamp.js';

type Compare = (a: unknown, b: unknown) => boolean;

const str =
  (f: (a: string, b: string) => boolean): Compare =>
  (a, b) =>
    typeof a === 'string' && typeof b === 'string' && f(a, b);
const num =
  (f: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    typeof a === 'number' && typeof b === 'number' && f(a, b);
const ts =
  (f: (a: number, b: number) => boolean): Compare =>
  (a, b) => {
    const x = parseTimestamp(a);
    const y = parseTimestamp(b);
    return x !== undefined && y !== undefined && f(x, y);
  };

/** Binary comparison operators by name (the `Path` forms reuse these with a resolved right side). */
export const COMPARISONS: Readonly<Record<string, Compare>> = {
  StringEquals: str((a, b) => a === b),
  StringLessThan: str((a, b) => a < b),
  StringGreaterThan: str((a, b) => a > b),
  StringLessThanEquals: str((a, b) => a <= b),
  StringGreaterThanEquals: str((a, b) => a >= b),
  StringMatches: str((a, b) => wildcard(b).test(a)),
  NumericEquals: num((a, b) => a === b),
  NumericLessThan: num((a, b) => a < b),
  NumericGreaterThan: num((a, b) => a > b),
  NumericLessThanEquals: num((a, b) => a <= b),
  NumericGreaterThanEquals: num((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: ts((a, b) => a === b),
  TimestampLessThan: ts((a, b) => a < b),
  TimestampGreaterThan: ts((a, b) => a > b),
  TimestampLessThanEquals: ts((a, b) => a <= b),
  TimestampGreaterThanEquals: ts((a, b) => a >= b),
};

/** Type tests: `Is*: true` matches when the test holds, `Is*: false` when it does not. */
export const TYPE_TESTS: Readonly<Record<string, (value: unknown, present: boolean) => boolean>> = {
  IsPresent: (_v, present) => present,
  IsNull: (v, present) => present && v === null,
  IsNumeric: (v, present) => present && typeof v === 'number',
  IsString: (v, present) => present && typeof v === 'string',
  IsBoolean: (v, present) => present && typeof v === 'boolean',
  IsTimestamp: (v, present) => present && parseTimestamp(v) !== undefined,
};

/** StringMatches patterns: `*` is any run of characters; `\*` and `\\` are literal. */
function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      re += '\\' + pattern[++i];
    } else if (c === '*') re += '.*';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
