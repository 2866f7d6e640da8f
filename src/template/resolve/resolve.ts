// Evaluate the intrinsic functions in a template value, bottom-up, dropping AWS::NoValue.
import { isRecord } from '../resources.js';
import { NO_VALUE, type ResolveContext } from './context.js';
import { conditionIntrinsics } from './intrinsics-condition.js';
import { referenceIntrinsics } from './intrinsics-ref.js';
import { stringIntrinsics } from './intrinsics-string.js';
import { subIntrinsic } from './intrinsics-sub.js';

/** One intrinsic function: its argument, the context, and the `{Fn::X: arg}` node (for positions). */
export type Intrinsic = (argument: unknown, ctx: ResolveContext, node: Record<string, unknown>) => unknown;

// Built on first use: the intrinsic modules import resolveValue back, so no top-level use here.
let table: Record<string, Intrinsic> | undefined;
function intrinsics(): Record<string, Intrinsic> {
  table ??= { ...referenceIntrinsics, ...stringIntrinsics, ...conditionIntrinsics, ...subIntrinsic };
  return table;
}

/** The name of the intrinsic function a node is (`Ref`, `Fn::Sub`, ...), if it is one. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] in intrinsics() ? keys[0] : undefined;
}

/** A template value with every intrinsic evaluated (NO_VALUE when it is AWS::NoValue). */
export function resolveValue(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const resolved = resolveValue(item, ctx);
      if (resolved !== NO_VALUE) out.push(resolved);
    }
    ctx.positions.copy(value, out);
    return out;
  }
  if (!isRecord(value)) return value;
  const name = intrinsicName(value);
  if (name) return intrinsics()[name](value[name], ctx, value);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const resolved = resolveValue(child, ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  ctx.positions.copy(value, out);
  return out;
}
