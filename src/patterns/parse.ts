// Parses and validates an event pattern: nested objects become dot-joined paths, `$or` forks the
// branches built so far (as aws/event-ruler's JsonRuleCompiler does), and every error carries AWS's
// reason text. A path given twice keeps its last value, as EventBridge does.
import { MAX_OR_COMBINATIONS, MAX_PATTERN_LENGTH, PatternError } from './errors.js';
import { readJson, type JsonNode } from './json-text.js';
import { parseValueList } from './parse-values.js';
import type { Branch, Matcher, ParsedPattern } from './types.js';

/** Names that may not be used as field names inside `$or` (event-ruler's reserved words). */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

type Draft = Map<string, Matcher[]>;

/** Parse pattern text; throws PatternError with AWS's reason. */
export function parsePattern(text: string): ParsedPattern {
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new PatternError(`Event pattern must not be longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  const root = readJson(text);
  if (root.kind !== 'object') {
    const column = text.length - text.trimStart().length + 2;
    throw new PatternError(
      `Filter is not an object\n at [Source: (String)"${text}"; line: 1, column: ${column}]`,
    );
  }
  const drafts: Draft[] = [];
  parseObject(drafts, '', root.entries, false);
  return { branches: drafts.map(toBranch) };
}

function toBranch(draft: Draft): Branch {
  return [...draft.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, matchers]) => ({ path, matchers }));
}

function parseObject(
  drafts: Draft[],
  prefix: string,
  entries: Array<[string, JsonNode]>,
  inOr: boolean,
): void {
  if (entries.length === 0) throw new PatternError('Empty objects are not allowed');
  for (const [key, value] of entries) {
    if (key === '$or') {
      parseOr(drafts, prefix, value);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) {
      throw new PatternError(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value.kind === 'object') parseObject(drafts, path, value.entries, inOr);
    else if (value.kind === 'array') {
      const matchers = parseValueList(value.items);
      if (drafts.length === 0) drafts.push(new Map());
      for (const draft of drafts) draft.set(path, matchers);
    } else throw new PatternError(`"${key}" must be an object or an array`);
  }
}

function parseOr(drafts: Draft[], prefix: string, value: JsonNode): void {
  const current = drafts.map((d) => new Map(d));
  drafts.length = 0;
  if (value.kind !== 'array') throw new PatternError('It must be an Array followed with $or.');
  for (const item of value.items) {
    if (item.kind !== 'object') {
      throw new PatternError('Only JSON object is allowed in array of $or relationship.');
    }
    const forks = current.length === 0 ? [new Map()] : current.map((d) => new Map(d));
    parseObject(forks, prefix, item.entries, true);
    drafts.push(...forks);
    if (drafts.length > MAX_OR_COMBINATIONS) {
      throw new PatternError(
        `Too many $or combinations: the pattern must expand to at most ${MAX_OR_COMBINATIONS}`,
      );
    }
  }
  if (value.items.length < 2) {
    throw new PatternError('There must have at least 2 Objects in $or relationship.');
  }
}
