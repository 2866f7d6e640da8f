// JSONata glue: `{% expr %}` strings, compiled once, evaluated with `$states` and the variables bound,
// errors turned into States.QueryEvaluationError with AWS's message texts.
import type jsonata from 'jsonata';
import { jsonataFactory } from './load.js';
import { QueryEvaluationError } from '../errors/runtime-errors.js';
import { SFN_FUNCTIONS } from './functions.js';

/** The `$states` binding: input, result, errorOutput and the context object. */
export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

/** What every evaluation needs: the bindings and how to prefix a cause with the state. */
export interface JsonataScope {
  states: StatesBinding;
  variables: Record<string, unknown>;
  /** Wraps a detail message into AWS's "An error occurred while executing the state ..." cause. */
  cause: (detail: string) => string;
}

const compiled = new Map<string, jsonata.Expression>();

/** The expression inside `{% ... %}`, or undefined when `value` is not a JSONata string. */
export function expressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // AWS requires the string to start with `{%` and end with `%}` exactly (surrounding spaces make it a literal).
  if (value.startsWith('{%') && value.endsWith('%}') && value.length >= 4) return value.slice(2, -2).trim();
  return undefined;
}

function compile(expression: string, field: string, scope: JsonataScope): jsonata.Expression {
  const hit = compiled.get(expression);
  if (hit) return hit;
  let expr: jsonata.Expression;
  try {
    expr = jsonataFactory()(expression);
  } catch (e) {
    throw new QueryEvaluationError(
      scope.cause(
        `The JSONata expression '${expression}' specified for the field '${field}' could not be parsed. ${describe(e)}`,
      ),
    );
  }
  for (const [name, fn] of Object.entries(SFN_FUNCTIONS))
    expr.registerFunction(name, fn.impl as never, fn.signature);
  compiled.set(expression, expr);
  return expr;
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code && !String(err.code).startsWith('States.')
    ? `${err.code}: ${err.message}`
    : String(err.message ?? e);
}

/** Evaluates one expression for `field`; `undefined` results are errors, as on AWS. */
export async function evaluateExpression(
  expression: string,
  field: string,
  scope: JsonataScope,
): Promise<unknown> {
  const expr = compile(expression, field, scope);
  let result: unknown;
  try {
    result = await expr.evaluate(scope.states.input, { ...scope.variables, states: scope.states });
  } catch (e) {
    throw new QueryEvaluationError(
      scope.cause(
        `The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation. ${describe(e)}`,
      ),
    );
  }
  if (result === undefined) {
    throw new QueryEvaluationError(
      scope.cause(
        `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`,
      ),
    );
  }
  if (typeof result === 'function' || containsFunction(result)) {
    throw new QueryEvaluationError(
      scope.cause(
        `The JSONata expression '${expression}' specified for the field '${field}' returned an unsupported result type.`,
      ),
    );
  }
  return plain(result);
}

/**
 * Evaluates a field value that may contain `{% %}` strings anywhere inside (Arguments, Output,
 * Assign values): objects and arrays are walked, other values kept.
 */
export async function evaluateTemplate(value: unknown, field: string, scope: JsonataScope): Promise<unknown> {
  const expression = expressionOf(value);
  if (expression !== undefined) return evaluateExpression(expression, field, scope);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(await evaluateTemplate(value[i], `${field}[${i}]`, scope));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateTemplate(v, `${field}/${k}`, scope);
    return out;
  }
  return value;
}

function containsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (Array.isArray(value)) return value.some(containsFunction);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsFunction);
  return false;
}

/** Drops JSONata's internal markers (sequence flags) so results are plain JSON. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}
