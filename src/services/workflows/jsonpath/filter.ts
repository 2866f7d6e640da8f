// Filter expressions of `[?( ... )]`: comparisons of `@.path` with literals or other paths, joined by
// `&&` / `||`, and bare `@.path` existence tests. Enough for the filters ASL users write.
import { parsePath } from './parse.js';
import { queryAll } from './query.js';

/** True when `item` passes the filter `expression` (without the surrounding `?( )`). */
export function passesFilter(expression: string, item: unknown, root: unknown): boolean {
  return splitTop(expression, '||').some((alt) =>
    splitTop(alt, '&&').every((term) => evalTerm(term.trim(), item, root)),
  );
}

function splitTop(text: string, op: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(op, i)) {
      out.push(text.slice(start, i));
      start = i + op.length;
      i += op.length - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'] as const;

function evalTerm(term: string, item: unknown, root: unknown): boolean {
  if (term.startsWith('(') && term.endsWith(')')) return passesFilter(term.slice(1, -1), item, root);
  for (const op of OPERATORS) {
    const at = findOperator(term, op);
    if (at < 0) continue;
    const left = operand(term.slice(0, at).trim(), item, root);
    const right = operand(term.slice(at + op.length).trim(), item, root);
    return compare(left, right, op);
  }
  const value = operand(term, item, root);
  return value !== undefined;
}

function findOperator(term: string, op: string): number {
  let quote: string | null = null;
  for (let i = 0; i < term.length; i++) {
    const ch = term[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (term.startsWith(op, i)) {
      // `<` must not be the start of `<=`, nor `=` part of `==` handled earlier.
      if ((op === '<' || op === '>') && term[i + 1] === '=') continue;
      return i;
    }
  }
  return -1;
}

function operand(text: string, item: unknown, root: unknown): unknown {
  if (text.startsWith('@')) {
    const values = queryAll(parsePath('$' + text.slice(1)), item);
    return values.length ? values[0] : undefined;
  }
  if (text.startsWith('$')) {
    const values = queryAll(parsePath(text), root);
    return values.length ? values[0] : undefined;
  }
  const q = /^(['"])(.*)\1$/s.exec(text);
  if (q) return q[2];
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function compare(a: unknown, b: unknown, op: string): boolean {
  if (op === '==') return JSON.stringify(a) === JSON.stringify(b);
  if (op === '!=') return JSON.stringify(a) !== JSON.stringify(b);
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}
