// Fn::Sub, both forms: `${Param}`, `${Resource}`, `${Resource.Attr}`, `${AWS::Region}`, `${!Literal}`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
import { isRecord } from '../resources.js';
import { asString, badIntrinsic } from './arguments.js';
import { getAttValue, refValue } from './intrinsics-ref.js';
import type { Intrinsic } from './resolve.js';
import { resolveValue } from './resolve.js';

const FORM = "!Sub 'text ${Name}' or !Sub ['text ${Var}', { Var: value }]";

/** The names a Sub string refers to (`${!x}` escapes excluded); used for dependency scans too. */
export function subReferences(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
    if (!match[1].startsWith('!')) names.push(match[1].trim());
  }
  return names;
}

const sub: Intrinsic = (argument, ctx, node) => {
  let template: unknown = argument;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(argument)) {
    if (argument.length !== 2 || !isRecord(argument[1])) {
      badIntrinsic(ctx, node, 'Fn::Sub list form takes a string and a map of variables', FORM);
    }
    template = argument[0];
    variables = resolveValue(argument[1], ctx) as Record<string, unknown>;
  }
  template = resolveValue(template, ctx);
  if (typeof template !== 'string') badIntrinsic(ctx, node, 'Fn::Sub needs a string', FORM);
  const position = ctx.positions.node(node);
  return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    // `${!Literal}` writes `${Literal}` unchanged.
    if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
    const name = inner.trim();
    let value: unknown;
    if (name in variables) value = variables[name];
    else if (name.includes('.') && !ctx.parameters.has(name)) {
      const dot = name.indexOf('.');
      value = getAttValue(name.slice(0, dot), name.slice(dot + 1), ctx, position);
    } else value = refValue(name, ctx, position);
    return asString(ctx, node, `Fn::Sub variable '${name}'`, value, FORM);
  });
};

/** Fn::Sub. */
export const subIntrinsic: Record<string, Intrinsic> = { 'Fn::Sub': sub };
