// Evaluates a parsed intrinsic call: resolves path arguments, then calls the function.
import { IntrinsicFailureError } from '../errors/runtime-errors.js';
import type { IntrinsicArg, IntrinsicCall } from './parse.js';
import { INTRINSICS } from './registry.js';

/** Resolves a path argument (`$.a`, `$$.Execution.Id`, `$var.x`) to its value. */
export type PathResolver = (path: string) => unknown;

/** Runs `call`, resolving paths through `resolve`; failures are States.IntrinsicFailure. */
export function evaluateIntrinsic(call: IntrinsicCall, resolve: PathResolver): unknown {
  const fn = INTRINSICS[call.name];
  if (!fn) throw new IntrinsicFailureError(`The intrinsic function '${call.name}' does not exist.`);
  const args = call.args.map((arg) => argValue(arg, resolve));
  const raw = call.args.map((arg) => (arg.kind === 'string' ? arg.raw : undefined));
  return fn({ name: call.name, args, raw });
}

function argValue(arg: IntrinsicArg, resolve: PathResolver): unknown {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return arg.value;
    case 'null':
      return null;
    case 'path':
      return resolve(arg.path);
    case 'call':
      return evaluateIntrinsic(arg, resolve);
  }
}
