// Fn::FindInMap, with the optional DefaultValue of the AWS::LanguageExtensions transform.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
import { suggestion, templateError } from '../errors.js';
import { isRecord } from '../resources.js';
import { asString, badIntrinsic } from './arguments.js';
import type { Intrinsic } from './resolve.js';
import { resolveValue } from './resolve.js';

const FORM = '!FindInMap [MapName, TopLevelKey, SecondLevelKey]';

/** Fn::FindInMap. */
export const findInMap: Intrinsic = (argument, ctx, node) => {
  if (!Array.isArray(argument) || argument.length < 3 || argument.length > 4) {
    badIntrinsic(ctx, node, 'Fn::FindInMap takes a map name and two keys', FORM);
  }
  const [mapName, top, second] = argument
    .slice(0, 3)
    .map((a) => asString(ctx, node, 'Fn::FindInMap', resolveValue(a, ctx), FORM));
  const options = argument[3];
  const fallback = isRecord(options) && 'DefaultValue' in options ? options.DefaultValue : undefined;
  const position = ctx.positions.node(node);
  const map = ctx.mappings[mapName];
  if (!isRecord(map)) {
    throw templateError(
      'TEMPLATE_BAD_MAPPING',
      `Fn::FindInMap names mapping '${mapName}', which the template does not declare`,
      position,
      `Declare '${mapName}' under Mappings, or fix the name${suggestion(mapName, Object.keys(ctx.mappings))}.`,
    );
  }
  const level = map[top];
  const value = isRecord(level) ? level[second] : undefined;
  if (value !== undefined) return resolveValue(value, ctx);
  if (fallback !== undefined) return resolveValue(fallback, ctx);
  const keys = isRecord(level) ? Object.keys(level) : Object.keys(map);
  const missing = isRecord(level) ? second : top;
  throw templateError(
    'TEMPLATE_BAD_MAPPING',
    `Mapping '${mapName}' has no key '${isRecord(level) ? `${top}.${second}` : top}'`,
    position,
    `Add '${missing}' to mapping '${mapName}', or use one of: ${keys.join(', ')}${suggestion(missing, keys)}.`,
  );
};
