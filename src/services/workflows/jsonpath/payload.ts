// Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign): keys ending
// in `.$` take the value of a path, a context path (`$$`), a variable (`$name`) or an intrinsic call.
import { RuntimeError } from '../errors/runtime-errors.js';
import { evaluateIntrinsic } from '../intrinsics/evaluate.js';
import { isIntrinsic, parseIntrinsic } from '../intrinsics/parse.js';
import { PathNotFoundError, readPath } from './query.js';

/** Where `$`, `$$` and `$name` point while evaluating a template. */
export interface PathSources {
  input: unknown;
  context: unknown;
  /** Looks a variable up; `found` false when it is not defined. */
  variable: (name: string) => { found: boolean; value: unknown };
  /** Wraps a detail into AWS's state-prefixed cause. */
  cause: (detail: string) => string;
}

/** Splits `$name.rest` into the variable name and the path inside it (`$.rest`). */
function splitVariable(path: string): { name: string; rest: string } {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(path);
  if (!m) throw new Error(`Invalid path '${path}'`);
  return { name: m[1], rest: '$' + m[2] };
}

/** Reads a path against input, context or a variable; throws PathNotFoundError when missing. */
export function resolveReference(path: string, sources: PathSources): unknown {
  if (path.startsWith('$$')) return readPath(path.slice(1), sources.context);
  if (path === '$' || path.startsWith('$.') || path.startsWith('$[')) return readPath(path, sources.input);
  const { name, rest } = splitVariable(path);
  const v = sources.variable(name);
  if (!v.found) throw new PathNotFoundError(`The variable '$${name}' is not defined`);
  return readPath(rest, v.value);
}

/** Evaluates a `.$` value: an intrinsic call or a path; missing paths are States.Runtime. */
export function evaluateDynamic(expression: string, field: string, sources: PathSources): unknown {
  if (isIntrinsic(expression)) {
    const call = parseIntrinsic(expression);
    return evaluateIntrinsic(call, (p) => resolveOrFail(p, field, sources));
  }
  return resolveOrFail(expression, field, sources);
}

function resolveOrFail(path: string, field: string, sources: PathSources): unknown {
  try {
    return resolveReference(path, sources);
  } catch (e) {
    if (!(e instanceof PathNotFoundError)) throw e;
    const where = path.startsWith('$$') ? sources.context : sources.input;
    throw new RuntimeError(
      sources.cause(
        `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(where)}'`,
      ),
    );
  }
}

/** Evaluates a whole template (object, array or constant). */
export function evaluatePayload(template: unknown, sources: PathSources): unknown {
  if (Array.isArray(template)) return template.map((t) => evaluatePayload(t, sources));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = evaluateDynamic(value, key, sources);
    } else out[key] = evaluatePayload(value, sources);
  }
  return out;
}
