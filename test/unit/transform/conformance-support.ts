// Loading ../shared/conformance/eventbridge/transformers.json and comparing payloads with its
// placeholders (see that folder's README): a whole-string placeholder such as `<uuid:2>` or `date`
// matches any string, the same placeholder meaning the same string within one case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded transformer case. */
export interface TransformerCase {
  name: string;
  event: Record<string, unknown> | null;
  rulePattern?: unknown;
  target: {
    Input?: string;
    InputPath?: string;
    InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  };
  ruleName?: string;
  ruleArn?: string;
  expect: { delivered?: string | null; deliveredJson?: unknown; notDelivered?: boolean; reason?: string };
}

/** The shared conformance folder, beside the repository. */
export const CONFORMANCE_DIR = join(import.meta.dirname, '../../../../shared/conformance/eventbridge');

/** Every case of transformers.json. */
export function loadTransformerCases(): TransformerCase[] {
  const file = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'transformers.json'), 'utf8')) as {
    cases: TransformerCase[];
  };
  return file.cases;
}

const PLACEHOLDER = /^(<[A-Za-z0-9_:-]+>|date|datetime|event-id)$/;

/** Compares an actual JSON value with a recorded one, binding placeholders consistently. */
export function matchesRecorded(
  actual: unknown,
  expected: unknown,
  bindings = new Map<string, string>(),
): boolean {
  if (typeof expected === 'string' && PLACEHOLDER.test(expected)) {
    if (typeof actual !== 'string') return false;
    const bound = bindings.get(expected);
    if (bound === undefined) bindings.set(expected, actual);
    return bound === undefined || bound === actual;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matchesRecorded(actual[i], item, bindings))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    if (Object.keys(actual).length !== keys.length) return false;
    return keys.every((key) =>
      matchesRecorded(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        bindings,
      ),
    );
  }
  return Object.is(actual, expected);
}
