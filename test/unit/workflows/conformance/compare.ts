// Normalises actual results the way the corpus was normalised (README.md of the corpus) and compares
// them with the recorded values, placeholders acting as wildcards.

/** The corpus's `normalizations` block. */
export interface Normalizations {
  global_literal_replacements: [string, string][];
  iso8601_regex: string;
  wildcard_token_regex: string;
}

/** Bare literals the recorder put in place of volatile values: they match anything. */
const BARE = new Set([
  'date',
  'timestamp',
  'start-time',
  'entered-time',
  'RandomNumberGenerated',
  'LogResult',
  'map_run_arn',
  'lambda_function_name',
]);

/** Applies the case's and the global replacements and the timestamp rule to a JSON text. */
export function normaliseText(text: string, caseReplacements: [string, string][], n: Normalizations): string {
  let out = text;
  for (const [from, to] of caseReplacements) out = out.split(from).join(to);
  for (const [from, to] of n.global_literal_replacements) out = out.split(from).join(to);
  return out.replace(new RegExp(n.iso8601_regex, 'g'), 'date');
}

/** Normalises any JSON value (through its text). */
export function normaliseValue(
  value: unknown,
  caseReplacements: [string, string][],
  n: Normalizations,
): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(normaliseText(JSON.stringify(value), caseReplacements, n)) as unknown;
}

function stringMatches(expected: string, actual: string, n: Normalizations): boolean {
  if (expected === actual || BARE.has(expected)) return true;
  // The corpus README: "one express test records sfn_role_arn" instead of snf_role_arn.
  if (expected === 'sfn_role_arn' && actual === 'snf_role_arn') return true;
  const token = new RegExp(n.wildcard_token_regex, 'g');
  if (!token.test(expected)) return false;
  const parts = expected.split(new RegExp(n.wildcard_token_regex.replace('(:[0-9]+)?', '(?::[0-9]+)?')));
  const re = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]+?');
  return new RegExp(`^${re}$`).test(actual);
}

/** Deep comparison where expected strings may hold placeholders. */
export function matches(expected: unknown, actual: unknown, n: Normalizations, key?: string): boolean {
  if (typeof expected === 'string') {
    if (key !== undefined && expected === key) return true;
    if (typeof actual === 'string') return stringMatches(expected, actual, n);
    return BARE.has(expected) || (actual !== undefined && stringMatches(expected, JSON.stringify(actual), n));
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(e, actual[i], n))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    return (
      ek.length === ak.length &&
      ek.every((k) =>
        matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], n, k),
      )
    );
  }
  return expected === actual;
}

/** The JSON path of the first place where `actual` does not match `expected` (for failure reasons). */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  n: Normalizations,
  at = '$',
): string | undefined {
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      const e = (expected as Record<string, unknown>)[k];
      const a = (actual as Record<string, unknown>)[k];
      if (!matches(e, a, n, k)) return firstDifference(e, a, n, `${at}.${k}`) ?? `${at}.${k}`;
    }
    if (Array.isArray(expected) !== Array.isArray(actual)) return `${at} (array vs object)`;
    return undefined;
  }
  return matches(expected, actual, n)
    ? undefined
    : `${at}: ${JSON.stringify(actual)?.slice(0, 200)} != ${JSON.stringify(expected)?.slice(0, 200)}`;
}
