// Ref and Fn::GetAtt: parameters, pseudo parameters and resources.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
import { suggestion, templateError } from '../errors.js';
import type { SourcePosition } from '../model.js';
import { badIntrinsic } from './arguments.js';
import { NO_VALUE, type ResolveContext } from './context.js';
import { pseudoParameter } from './pseudo.js';
import type { Intrinsic } from './resolve.js';
import { resolveValue } from './resolve.js';

/** The value of `Ref name`: a pseudo parameter, a parameter or a resource's Ref value. */
export function refValue(name: string, ctx: ResolveContext, position?: SourcePosition): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = pseudoParameter(name, ctx);
  if (pseudo !== undefined) return pseudo;
  if (ctx.parameters.has(name)) return ctx.parameters.get(name);
  if (ctx.resourceIds.has(name)) return ctx.identity(name, position).ref;
  throw unknownRef(name, ctx, position);
}

/** TEMPLATE_UNKNOWN_REF for `name`, suggesting the closest declared name. */
export function unknownRef(name: string, ctx: ResolveContext, position?: SourcePosition) {
  const known = [...ctx.parameters.keys(), ...ctx.resourceIds];
  return templateError(
    'TEMPLATE_UNKNOWN_REF',
    `Ref to '${name}', which is neither a Parameter, a Resource nor a pseudo parameter`,
    position,
    `Declare a Parameter or Resource named '${name}', or fix the name${suggestion(name, known)}.`,
  );
}

/** The value of `Fn::GetAtt [logicalId, attribute]`. */
export function getAttValue(
  logicalId: string,
  attribute: string,
  ctx: ResolveContext,
  position?: SourcePosition,
): unknown {
  if (!ctx.resourceIds.has(logicalId)) {
    throw templateError(
      'TEMPLATE_BAD_GETATT',
      `Fn::GetAtt names resource '${logicalId}', which the template does not declare`,
      position,
      `Declare a Resource named '${logicalId}', or fix the name${suggestion(logicalId, ctx.resourceIds)}.`,
    );
  }
  const identity = ctx.identity(logicalId, position);
  // Types eddy does not emulate: a placeholder rather than a failure, so the rest still runs.
  if (!identity.attributes) return attribute === 'Arn' ? identity.arn : `${logicalId}.${attribute}`;
  if (attribute in identity.attributes) return identity.attributes[attribute];
  const names = Object.keys(identity.attributes);
  throw templateError(
    'TEMPLATE_BAD_GETATT',
    `${identity.type} '${logicalId}' has no attribute '${attribute}'`,
    position,
    `Use one of: ${names.join(', ')}${suggestion(attribute, names)}.`,
  );
}

const GETATT_FORM = '!GetAtt Resource.Attribute or {"Fn::GetAtt": ["Resource", "Attribute"]}';

const ref: Intrinsic = (argument, ctx, node) => {
  if (typeof argument !== 'string') badIntrinsic(ctx, node, 'Ref takes a name', '!Ref Name');
  return refValue(argument, ctx, ctx.positions.node(node));
};

const getAtt: Intrinsic = (argument, ctx, node) => {
  let parts: unknown[];
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    parts = dot < 0 ? [argument] : [argument.slice(0, dot), argument.slice(dot + 1)];
  } else parts = Array.isArray(argument) ? argument : [];
  const position = ctx.positions.node(node);
  if (parts.length !== 2 || typeof parts[0] !== 'string') {
    throw templateError(
      'TEMPLATE_BAD_GETATT',
      'Fn::GetAtt takes a resource name and an attribute name',
      position,
      `Write it as ${GETATT_FORM}.`,
    );
  }
  const attribute = resolveValue(parts[1], ctx);
  if (typeof attribute !== 'string') {
    badIntrinsic(ctx, node, 'Fn::GetAtt attribute must be a string', GETATT_FORM);
  }
  return getAttValue(parts[0], attribute, ctx, position);
};

/** Ref and Fn::GetAtt. */
export const referenceIntrinsics: Record<string, Intrinsic> = { Ref: ref, 'Fn::GetAtt': getAtt };
