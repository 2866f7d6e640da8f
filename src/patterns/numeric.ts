// Numeric matching. EventBridge compares numbers as numbers (so `300` matches `300.0`) within
// -5.0e9..+5.0e9 with six decimal places; values outside that range never match numerically
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-numeric-matching).
import { PatternError } from './errors.js';

/** The numeric bound EventBridge supports, inclusive on both sides. */
export const NUMERIC_LIMIT = 5e9;

/** A numeric range; `-Infinity`/`Infinity` stand for an open side. */
export interface NumericRange {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

/** True when a number can take part in numeric matching. */
export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** Round to six decimals, the precision EventBridge compares at. */
export function quantize(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Checks a pattern number and returns it at comparison precision (AWS's range message otherwise). */
export function comparableOrThrow(value: number): number {
  if (!isComparable(value)) {
    throw new PatternError('Value must be between -5.0E9 and 5.0E9, inclusive');
  }
  return quantize(value);
}

/** True when `value` (an event number) lies in the range. */
export function inRange(range: NumericRange, value: number): boolean {
  if (!isComparable(value)) return false;
  const v = quantize(value);
  if (range.lowOpen ? v <= range.low : v < range.low) return false;
  return range.highOpen ? v < range.high : v <= range.high;
}

/** True when two numbers are equal for numeric matching (both comparable, equal at six decimals). */
export function numericEquals(a: number, b: number): boolean {
  return isComparable(a) && isComparable(b) && quantize(a) === quantize(b);
}
