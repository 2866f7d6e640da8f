// SAM Globals: maps merged (the resource's keys win), lists appended, scalars and intrinsics overridden.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
import type { SourceMap } from '../reader/source-map.js';
import { isRecord } from '../resources.js';

function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** `local` laid over `global` as SAM merges Globals into a resource's Properties. */
export function mergeGlobals(global: unknown, local: unknown, positions: SourceMap): unknown {
  if (global === undefined) return local;
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local)) {
    const merged = [...global, ...local];
    positions.copy(local, merged);
    return merged;
  }
  if (isRecord(global) && isRecord(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local)) {
      merged[key] = mergeGlobals(global[key], value, positions);
    }
    positions.copy(local, merged);
    return merged;
  }
  return local;
}
