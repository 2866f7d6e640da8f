// Parses the JSONPath dialect Step Functions accepts (Jayway's): `$`, `.name`, `['name']`, `[0]`,
// `[*]`, `..name`, `[1:5]`, `[0,2]`, `[?(@.a == 1)]` and the `length()` function.

/** One step of a parsed path. */
export type Segment =
  | { kind: 'prop'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'deep'; name: string | null }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'union'; keys: (string | number)[] }
  | { kind: 'filter'; expression: string }
  | { kind: 'length' };

/** A parsed path: its root (`$` input or `$$` context) and steps. */
export interface ParsedPath {
  root: '$' | '$$';
  segments: Segment[];
  /** True when the path selects at most one value (no wildcard, slice, filter, union or `..`). */
  definite: boolean;
}

const cache = new Map<string, ParsedPath>();

/** Parses `path`, or throws an Error saying why it is not a valid path. */
export function parsePath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const parsed = parseUncached(path);
  cache.set(path, parsed);
  return parsed;
}

function parseUncached(path: string): ParsedPath {
  if (!path.startsWith('$')) throw new Error(`The path '${path}' must begin with '$'`);
  const root = path.startsWith('$$') ? '$$' : '$';
  let i = root.length;
  const segments: Segment[] = [];
  const fail = (): never => {
    throw new Error(`The path '${path}' is not a valid JSONPath`);
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') {
        i += 2;
        if (path[i] === '*') {
          segments.push({ kind: 'deep', name: null });
          i++;
          continue;
        }
        if (path[i] === '[') {
          segments.push({ kind: 'deep', name: null });
          continue;
        }
        const m = /^[^.[\]]+/.exec(path.slice(i));
        if (!m) fail();
        segments.push({ kind: 'deep', name: m![0] });
        i += m![0].length;
        continue;
      }
      i++;
      if (path[i] === '*') {
        segments.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      const m = /^[^.[\]]+/.exec(path.slice(i));
      if (!m) fail();
      const name = m![0];
      i += name.length;
      if (name === 'length()' && i === path.length) segments.push({ kind: 'length' });
      else segments.push({ kind: 'prop', name });
      continue;
    }
    if (c === '[') {
      const close = findClose(path, i);
      if (close < 0) fail();
      segments.push(parseBracket(path.slice(i + 1, close), fail));
      i = close + 1;
      continue;
    }
    fail();
  }
  const definite = segments.every((s) => s.kind === 'prop' || s.kind === 'index' || s.kind === 'length');
  return { root, segments, definite };
}

function findClose(path: string, open: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let j = open; j < path.length; j++) {
    const ch = path[j];
    if (quote) {
      if (ch === '\\') j++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      depth--;
      if (depth === 0 && ch === ']') return j;
    }
  }
  return -1;
}

function parseBracket(inner: string, fail: () => never): Segment {
  const text = inner.trim();
  if (text === '*') return { kind: 'wildcard' };
  if (text.startsWith('?'))
    return {
      kind: 'filter',
      expression: text
        .slice(1)
        .trim()
        .replace(/^\(|\)$/g, ''),
    };
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(text)) {
    const [a, b, s] = text.split(':');
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    return { kind: 'slice', start: num(a), end: num(b), step: num(s) };
  }
  const keys = splitUnion(text).map((part) => {
    const p = part.trim();
    if (/^-?\d+$/.test(p)) return Number(p);
    const q = /^(['"])(.*)\1$/s.exec(p);
    if (!q) return fail();
    // Jayway keeps backslashes except before the delimiting quote.
    return q[2].split('\\' + q[1]).join(q[1]);
  });
  if (keys.length === 1) {
    const k = keys[0];
    return typeof k === 'number' ? { kind: 'index', index: k } : { kind: 'prop', name: k };
  }
  return { kind: 'union', keys };
}

function splitUnion(text: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === '\\') j++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      parts.push(text.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The canonical form Jayway prints in messages: `$['a']['b'][0]`. */
export function canonical(segments: Segment[], root = '$'): string {
  return (
    root +
    segments
      .map((s) => {
        if (s.kind === 'prop') return `['${s.name}']`;
        if (s.kind === 'index') return `[${s.index}]`;
        return '';
      })
      .join('')
  );
}
