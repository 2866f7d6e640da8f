// Reference paths (ResultPath): a definite path whose value is replaced or created in a copy of the
// state input (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html).
import { parsePath } from './parse.js';

/** Returns a copy of `input` with `value` placed at `path`; throws an Error it cannot be applied. */
export function setReference(input: unknown, path: string, value: unknown): unknown {
  const parsed = parsePath(path);
  if (parsed.root !== '$' || !parsed.definite) throw new Error(`Invalid reference path '${path}'`);
  if (parsed.segments.length === 0) return value;
  const rootCopy = shallowCopy(input);
  let current = rootCopy;
  const segs = parsed.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg.kind === 'prop') {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) {
        throw new Error(`Unable to apply ResultPath "${path}" to input ${JSON.stringify(input)}`);
      }
      const obj = current as Record<string, unknown>;
      if (last) obj[seg.name] = value;
      else {
        const child = obj[seg.name];
        obj[seg.name] = child === undefined ? {} : shallowCopy(child);
        current = obj[seg.name];
      }
    } else if (seg.kind === 'index') {
      if (!Array.isArray(current) || seg.index >= current.length) {
        throw new Error(`Unable to apply ResultPath "${path}" to input ${JSON.stringify(input)}`);
      }
      if (last) current[seg.index] = value;
      else {
        current[seg.index] = shallowCopy(current[seg.index]);
        current = current[seg.index];
      }
    } else throw new Error(`Invalid reference path '${path}'`);
  }
  return rootCopy;
}

function shallowCopy(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === 'object') return { ...(value as object) };
  return value;
}
