// Fn::Join, Fn::Select, Fn::Split, Fn::Base64, Fn::GetAZs, Fn::ImportValue, Fn::Cidr, Fn::Length,
// Fn::ToJsonString.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { asString, badIntrinsic, describe, listArgument } from './arguments.js';
import type { ResolveContext } from './context.js';
import { cidrBlocks } from './cidr.js';
import type { Intrinsic } from './resolve.js';
import { resolveValue } from './resolve.js';

function resolvedList(ctx: ResolveContext, node: object, name: string, value: unknown, form: string) {
  const list = resolveValue(value, ctx);
  if (!Array.isArray(list)) {
    badIntrinsic(ctx, node, `${name} needs a list here, got ${describe(list)}`, form);
  }
  return list as unknown[];
}

const JOIN = "!Join [',', [a, b, c]]";
const join: Intrinsic = (argument, ctx, node) => {
  const [delimiter, values] = listArgument(ctx, node, 'Fn::Join', argument, 2, JOIN);
  const sep = asString(ctx, node, 'Fn::Join delimiter', resolveValue(delimiter, ctx), JOIN);
  return resolvedList(ctx, node, 'Fn::Join', values, JOIN)
    .map((v) => asString(ctx, node, 'Fn::Join item', v, JOIN))
    .join(sep);
};

const SELECT = '!Select [0, [a, b, c]]';
const select: Intrinsic = (argument, ctx, node) => {
  const [index, values] = listArgument(ctx, node, 'Fn::Select', argument, 2, SELECT);
  const i = Number(resolveValue(index, ctx));
  const list = resolvedList(ctx, node, 'Fn::Select', values, SELECT);
  if (!Number.isInteger(i) || i < 0 || i >= list.length) {
    badIntrinsic(
      ctx,
      node,
      `Fn::Select index ${String(index)} is outside the list (length ${list.length})`,
      SELECT,
    );
  }
  return list[i];
};

const SPLIT = "!Split [',', 'a,b,c']";
const split: Intrinsic = (argument, ctx, node) => {
  const [delimiter, source] = listArgument(ctx, node, 'Fn::Split', argument, 2, SPLIT);
  const sep = asString(ctx, node, 'Fn::Split delimiter', resolveValue(delimiter, ctx), SPLIT);
  return asString(ctx, node, 'Fn::Split', resolveValue(source, ctx), SPLIT).split(sep);
};

const base64: Intrinsic = (argument, ctx, node) =>
  Buffer.from(asString(ctx, node, 'Fn::Base64', resolveValue(argument, ctx), '!Base64 text')).toString(
    'base64',
  );

// Three zones is what most regions offer; the names follow AWS's `<region><letter>` form.
const getAZs: Intrinsic = (argument, ctx) => {
  const region = resolveValue(argument, ctx);
  const r = typeof region === 'string' && region !== '' ? region : ctx.pseudo.region;
  return ['a', 'b', 'c'].map((letter) => `${r}${letter}`);
};

// Other stacks' exports do not exist locally: a recognisable placeholder, and a warning.
const importValue: Intrinsic = (argument, ctx, node) => {
  const name = asString(ctx, node, 'Fn::ImportValue', resolveValue(argument, ctx), '!ImportValue ExportName');
  ctx.warn(
    `Fn::ImportValue '${name}' has no local value; using the placeholder 'import:${name}'`,
    ctx.positions.node(node),
  );
  return `import:${name}`;
};

const CIDR = "!Cidr ['10.0.0.0/16', 4, 8]";
const cidr: Intrinsic = (argument, ctx, node) => {
  const [block, count, bits] = listArgument(ctx, node, 'Fn::Cidr', argument, 3, CIDR);
  const result = cidrBlocks(
    asString(ctx, node, 'Fn::Cidr', resolveValue(block, ctx), CIDR),
    Number(resolveValue(count, ctx)),
    Number(resolveValue(bits, ctx)),
  );
  return result ?? badIntrinsic(ctx, node, 'Fn::Cidr arguments do not describe valid subnets', CIDR);
};

const length: Intrinsic = (argument, ctx, node) =>
  resolvedList(ctx, node, 'Fn::Length', argument, '!Length [a, b]').length;

const toJsonString: Intrinsic = (argument, ctx) => JSON.stringify(resolveValue(argument, ctx));

/** String and list functions. */
export const stringIntrinsics: Record<string, Intrinsic> = {
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::Base64': base64,
  'Fn::GetAZs': getAZs,
  'Fn::ImportValue': importValue,
  'Fn::Cidr': cidr,
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
};
