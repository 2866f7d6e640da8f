// Argument checks shared by the intrinsic functions: a wrong shape is an error at the function's node.
import { templateError } from '../errors.js';
import type { ResolveContext } from './context.js';

/** Throw TEMPLATE_BAD_INTRINSIC at `node`, saying what form the function takes. */
export function badIntrinsic(ctx: ResolveContext, node: object, message: string, form: string): never {
  throw templateError('TEMPLATE_BAD_INTRINSIC', message, ctx.positions.node(node), `Write it as ${form}.`);
}

/** The argument as a list of exactly (or at least) `count` items, or an error. */
export function listArgument(
  ctx: ResolveContext,
  node: object,
  name: string,
  argument: unknown,
  count: number,
  form: string,
  atLeast = false,
): unknown[] {
  const ok = Array.isArray(argument) && (atLeast ? argument.length >= count : argument.length === count);
  if (!ok) badIntrinsic(ctx, node, `${name} takes a list of ${count} items`, form);
  return argument as unknown[];
}

/** A resolved value as a string (numbers and booleans as CloudFormation prints them). */
export function asString(
  ctx: ResolveContext,
  node: object,
  name: string,
  value: unknown,
  form: string,
): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return badIntrinsic(ctx, node, `${name} needs a string here, got ${describe(value)}`, form);
}

/** A short description of a value's kind for error messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}
