// Argument checks shared by the intrinsic functions, with AWS-like States.IntrinsicFailure messages.
import { IntrinsicFailureError } from '../errors/runtime-errors.js';

/** What an intrinsic implementation receives: evaluated arguments and, for Format, raw literals. */
export interface IntrinsicInput {
  name: string;
  args: unknown[];
  /** The raw text of each string-literal argument (escapes kept), undefined for other kinds. */
  raw: (string | undefined)[];
}

/** One intrinsic function. */
export type IntrinsicFunction = (input: IntrinsicInput) => unknown;

/** Fails unless the call has between `min` and `max` arguments. */
export function expectArgCount(input: IntrinsicInput, min: number, max = min): void {
  const n = input.args.length;
  if (n < min || n > max) {
    const want = min === max ? `${min}` : `between ${min} and ${max}`;
    throw new IntrinsicFailureError(
      `The function '${input.name}' expects ${want} argument(s) but was given ${n}.`,
    );
  }
}

/** A JSON type name as AWS prints it in messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function wrong(input: IntrinsicInput, index: number, want: string): never {
  const value = input.args[index];
  throw new IntrinsicFailureError(
    `The function '${input.name}' expects argument ${index + 1} to be of type ${want} but was given ${typeName(value)}: ${JSON.stringify(value)}.`,
  );
}

/** The string at `index`, or a States.IntrinsicFailure. */
export function stringArg(input: IntrinsicInput, index: number): string {
  const v = input.args[index];
  return typeof v === 'string' ? v : wrong(input, index, 'string');
}

/** The number at `index`. */
export function numberArg(input: IntrinsicInput, index: number): number {
  const v = input.args[index];
  return typeof v === 'number' ? v : wrong(input, index, 'number');
}

/** The integer at `index` (a number with no fractional part). */
export function integerArg(input: IntrinsicInput, index: number): number {
  const v = input.args[index];
  return typeof v === 'number' && Number.isInteger(v) ? v : wrong(input, index, 'integer');
}

/** The array at `index`. */
export function arrayArg(input: IntrinsicInput, index: number): unknown[] {
  const v = input.args[index];
  return Array.isArray(v) ? v : wrong(input, index, 'array');
}

/** The object at `index`. */
export function objectArg(input: IntrinsicInput, index: number): Record<string, unknown> {
  const v = input.args[index];
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : wrong(input, index, 'object');
}

/** Fails with a States.IntrinsicFailure carrying `message`. */
export function fail(input: IntrinsicInput, message: string): never {
  throw new IntrinsicFailureError(`The function '${input.name}' ${message}`);
}

/** Structural equality of JSON values (ArrayContains, ArrayUnique). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEquals(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        jsonEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
