// Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or and the `Condition` reference inside them.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
import { isRecord } from '../resources.js';
import { badIntrinsic, listArgument } from './arguments.js';
import type { ResolveContext } from './context.js';
import { findInMap } from './intrinsics-map.js';
import type { Intrinsic } from './resolve.js';
import { resolveValue } from './resolve.js';

/** Evaluate a condition expression (`Fn::Equals`, `Fn::And`, `{Condition: Name}`, ...) to a boolean. */
export function evaluateCondition(expression: unknown, ctx: ResolveContext, parent?: object): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (isRecord(expression) && Object.keys(expression).length === 1) {
    const [key] = Object.keys(expression);
    const argument = expression[key];
    if (key === 'Condition' && typeof argument === 'string') {
      return ctx.condition(argument, ctx.positions.node(expression));
    }
    if (key in booleanFunctions) return booleanFunctions[key](argument, ctx, expression) as boolean;
  }
  return badIntrinsic(
    ctx,
    isRecord(expression) ? expression : (parent ?? {}),
    'A condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or {Condition: Name}',
    '!Equals [!Ref Env, prod]',
  );
}

const EQUALS = '!Equals [!Ref Env, prod]';
const equals: Intrinsic = (argument, ctx, node) => {
  const [a, b] = listArgument(ctx, node, 'Fn::Equals', argument, 2, EQUALS);
  // CloudFormation compares the string forms ("1" equals 1).
  const left = resolveValue(a, ctx);
  const right = resolveValue(b, ctx);
  return JSON.stringify(normalise(left)) === JSON.stringify(normalise(right));
};

function normalise(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

const not: Intrinsic = (argument, ctx, node) => {
  const [inner] = listArgument(ctx, node, 'Fn::Not', argument, 1, '!Not [!Equals [a, b]]');
  return !evaluateCondition(inner, ctx, node);
};

const AND = '!And [!Condition A, !Equals [a, b]]';
const and: Intrinsic = (argument, ctx, node) =>
  listArgument(ctx, node, 'Fn::And', argument, 2, AND, true).every((c) => evaluateCondition(c, ctx, node));

const OR = '!Or [!Condition A, !Equals [a, b]]';
const or: Intrinsic = (argument, ctx, node) =>
  listArgument(ctx, node, 'Fn::Or', argument, 2, OR, true).some((c) => evaluateCondition(c, ctx, node));

const booleanFunctions: Record<string, Intrinsic> = {
  'Fn::Equals': equals,
  'Fn::Not': not,
  'Fn::And': and,
  'Fn::Or': or,
};

const IF = '!If [ConditionName, valueIfTrue, valueIfFalse]';
const fnIf: Intrinsic = (argument, ctx, node) => {
  const [name, whenTrue, whenFalse] = listArgument(ctx, node, 'Fn::If', argument, 3, IF);
  if (typeof name !== 'string') badIntrinsic(ctx, node, 'Fn::If starts with a condition name', IF);
  const chosen = ctx.condition(name, ctx.positions.node(node)) ? whenTrue : whenFalse;
  return resolveValue(chosen, ctx);
};

/** Condition functions, Fn::If and Fn::FindInMap. */
export const conditionIntrinsics: Record<string, Intrinsic> = {
  ...booleanFunctions,
  'Fn::If': fnIf,
  'Fn::FindInMap': findInMap,
};
