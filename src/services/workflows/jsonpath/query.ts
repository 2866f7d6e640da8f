// Evaluates parsed paths against a JSON value with Jayway's semantics and error texts, which AWS
// returns verbatim in States.Runtime causes ("Invalid path '$.x' : No results for path: $['x']").
import { canonical, parsePath, type ParsedPath, type Segment } from './parse.js';
import { passesFilter } from './filter.js';

/** A path that selects nothing: `message` is Jayway's text, e.g. "Missing property in path $['a']". */
export class PathNotFoundError extends Error {}

const has = (o: unknown, k: string): boolean =>
  typeof o === 'object' && o !== null && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, k);

/**
 * Reads `path` from `root`. A definite path returns its one value; an indefinite one returns the array
 * of matches (possibly empty). Throws PathNotFoundError when a definite path matches nothing.
 */
export function readPath(path: string | ParsedPath, root: unknown): unknown {
  const parsed = typeof path === 'string' ? parsePath(path) : path;
  if (!parsed.definite) return queryAll(parsed, root);
  let current = root;
  const segs = parsed.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg.kind === 'length') {
      if (Array.isArray(current)) return current.length;
      if (typeof current === 'string') return current.length;
      if (current !== null && typeof current === 'object') return Object.keys(current).length;
      throw new PathNotFoundError(`Function length() expected an array or object`);
    }
    if (seg.kind === 'prop') {
      if (!has(current, seg.name)) {
        if (last && current !== null && typeof current === 'object' && !Array.isArray(current))
          throw new PathNotFoundError(`No results for path: ${canonical(segs.slice(0, i + 1))}`);
        throw new PathNotFoundError(`Missing property in path ${canonical(segs.slice(0, i + 1))}`);
      }
      current = (current as Record<string, unknown>)[seg.name];
      continue;
    }
    if (seg.kind === 'index') {
      if (!Array.isArray(current)) {
        throw new PathNotFoundError(
          `Filter: ${canonical(segs.slice(i, i + 1))} can only be applied to arrays. Current context is: ${JSON.stringify(current)}`,
        );
      }
      const idx = seg.index < 0 ? current.length + seg.index : seg.index;
      if (idx < 0 || idx >= current.length) {
        throw new PathNotFoundError(
          `Index out of bounds when evaluating path ${canonical(segs.slice(0, i + 1))}`,
        );
      }
      current = current[idx];
    }
  }
  return current;
}

/** Every value `path` selects in `root`, in document order (missing branches are skipped). */
export function queryAll(parsed: ParsedPath, root: unknown): unknown[] {
  let nodes: unknown[] = [root];
  for (const seg of parsed.segments) {
    const next: unknown[] = [];
    for (const node of nodes) step(seg, node, next, root);
    nodes = next;
  }
  return nodes;
}

function step(seg: Segment, node: unknown, out: unknown[], root: unknown): void {
  switch (seg.kind) {
    case 'prop':
      if (has(node, seg.name)) out.push((node as Record<string, unknown>)[seg.name]);
      return;
    case 'index':
      if (Array.isArray(node)) {
        const idx = seg.index < 0 ? node.length + seg.index : seg.index;
        if (idx >= 0 && idx < node.length) out.push(node[idx]);
      }
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (node !== null && typeof node === 'object') out.push(...Object.values(node));
      return;
    case 'union':
      for (const key of seg.keys)
        step(
          typeof key === 'number' ? { kind: 'index', index: key } : { kind: 'prop', name: key },
          node,
          out,
          root,
        );
      return;
    case 'slice':
      if (Array.isArray(node)) {
        const n = node.length;
        const norm = (v: number | undefined, d: number) =>
          v === undefined ? d : v < 0 ? Math.max(0, n + v) : Math.min(v, n);
        const stepBy = seg.step ?? 1;
        for (let j = norm(seg.start, 0); j < norm(seg.end, n); j += stepBy) out.push(node[j]);
      }
      return;
    case 'filter':
      if (Array.isArray(node))
        for (const item of node) if (passesFilter(seg.expression, item, root)) out.push(item);
      return;
    case 'deep':
      deepCollect(node, seg.name, out);
      return;
    case 'length':
      if (Array.isArray(node)) out.push(node.length);
      return;
  }
}

function deepCollect(node: unknown, name: string | null, out: unknown[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    if (name === null) out.push(...node);
    for (const child of node) deepCollect(child, name, out);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (name === null || key === name) out.push(child);
    deepCollect(child, name, out);
  }
}
