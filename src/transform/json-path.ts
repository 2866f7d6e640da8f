// The JSONPath subset EventBridge evaluates in InputPath, InputPathsMap and Pipes templates: `$`, dot
// members (dashes, underscores, slashes and other non-separator characters allowed), array indices,
// `*` wildcards, and quoted bracket members (`$.detail['x-y']`), which Pipes accepts. AWS lists exactly
// this subset: "dot notation, dashes, underscores, alphanumeric characters, array indices, wildcards"
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html). Filters, slices,
// unions and recursive descent are not part of it and are refused.

/** One step of a compiled path. */
export type PathStep =
  { kind: 'member'; name: string; quoted: boolean } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** A parsed path: evaluate it many times with `evaluateJsonPath`. */
export interface JsonPath {
  readonly text: string;
  readonly steps: readonly PathStep[];
  /** True when the path holds a wildcard, so its result is a list of every match. */
  readonly indefinite: boolean;
  /** True when the path uses `['name']` members, which rule targets refuse (dot notation only). */
  readonly usesQuotedMembers: boolean;
}

/** What a path found: a value, or nothing (a missing field is not the same as a null one). */
export type PathLookup = { found: true; value: unknown } | { found: false };

/** The outcome of parsing a path: the path, or why it is not one. */
export type PathParseResult = { ok: true; path: JsonPath } | { ok: false; reason: string };

const NOT_FOUND: PathLookup = { found: false };

/** Parses a path of the supported subset; the reason names the first offending position. */
export function parseJsonPath(text: string): PathParseResult {
  if (!text.startsWith('$')) return { ok: false, reason: 'a path must start with $' };
  const steps: PathStep[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '.') return fail('recursive descent (..) is not supported', i);
      let end = i + 1;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
      const name = text.slice(i + 1, end);
      if (name === '') return fail('a member name must follow .', i);
      if (/\s/.test(name)) return fail('a member name may not contain whitespace', i + 1);
      steps.push(name === '*' ? { kind: 'wildcard' } : { kind: 'member', name, quoted: false });
      i = end;
    } else if (c === '[') {
      const parsed = parseBracket(text, i);
      if ('reason' in parsed) return { ok: false, reason: parsed.reason };
      steps.push(parsed.step);
      i = parsed.next;
    } else {
      return fail(`unexpected character '${c}'`, i);
    }
  }
  return {
    ok: true,
    path: {
      text,
      steps,
      indefinite: steps.some((s) => s.kind === 'wildcard'),
      usesQuotedMembers: steps.some((s) => s.kind === 'member' && s.quoted),
    },
  };
}

function fail(what: string, position: number): { ok: false; reason: string } {
  return { ok: false, reason: `${what} (at position ${position})` };
}

type BracketParse = { step: PathStep; next: number } | { reason: string };

function parseBracket(text: string, open: number): BracketParse {
  const quote = text[open + 1];
  if (quote === "'" || quote === '"') {
    let name = '';
    let i = open + 2;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      name += text[i];
      i++;
    }
    if (i >= text.length) return fail('unterminated quoted member', open);
    if (text[i + 1] !== ']') return fail('expected ] after the quoted member', i + 1);
    return { step: { kind: 'member', name, quoted: true }, next: i + 2 };
  }
  const close = text.indexOf(']', open);
  if (close < 0) return fail('unterminated [', open);
  const inner = text.slice(open + 1, close).trim();
  if (inner === '*') return { step: { kind: 'wildcard' }, next: close + 1 };
  if (/^-?\d+$/.test(inner)) return { step: { kind: 'index', index: Number(inner) }, next: close + 1 };
  return fail(`unsupported bracket expression [${inner}]`, open);
}

/** Evaluates a parsed path against a JSON value; a wildcard path finds the list of its matches. */
export function evaluateJsonPath(path: JsonPath, root: unknown): PathLookup {
  if (!path.indefinite) {
    let node: unknown = root;
    for (const step of path.steps) {
      const next = child(node, step);
      if (!next.found) return NOT_FOUND;
      node = next.value;
    }
    return { found: true, value: node };
  }
  let nodes: unknown[] = [root];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (step.kind === 'wildcard') next.push(...children(node));
      else {
        const found = child(node, step);
        if (found.found) next.push(found.value);
      }
    }
    nodes = next;
  }
  return { found: true, value: nodes };
}

/** Parses and evaluates in one call; an unparsable path finds nothing. */
export function lookupJsonPath(text: string, root: unknown): PathLookup {
  const parsed = parseJsonPath(text);
  return parsed.ok ? evaluateJsonPath(parsed.path, root) : NOT_FOUND;
}

function child(node: unknown, step: PathStep): PathLookup {
  if (step.kind === 'member') {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return NOT_FOUND;
    return Object.hasOwn(node, step.name)
      ? { found: true, value: (node as Record<string, unknown>)[step.name] }
      : NOT_FOUND;
  }
  if (step.kind === 'index') {
    if (!Array.isArray(node)) return NOT_FOUND;
    const index = step.index < 0 ? node.length + step.index : step.index;
    return index >= 0 && index < node.length ? { found: true, value: node[index] } : NOT_FOUND;
  }
  return { found: true, value: children(node) };
}

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node;
  if (node !== null && typeof node === 'object') return Object.values(node);
  return [];
}
