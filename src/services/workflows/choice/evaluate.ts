// Evaluates JSONPath Choice rules (Variable + operator, And/Or/Not) against the state's input.
import type { ChoiceRule } from '../asl/types.js';
import { PathNotFoundError } from '../jsonpath/query.js';
import { resolveReference, type PathSources } from '../jsonpath/payload.js';
import { RuntimeError } from '../errors/runtime-errors.js';
import { COMPARISONS, TYPE_TESTS } from './operators.js';

/** True when `rule` matches. */
export function matchesRule(rule: ChoiceRule, sources: PathSources): boolean {
  if (rule.And) return rule.And.every((r) => matchesRule(r, sources));
  if (rule.Or) return rule.Or.some((r) => matchesRule(r, sources));
  if (rule.Not) return !matchesRule(rule.Not, sources);
  const variable = rule.Variable;
  if (typeof variable !== 'string') return false;
  const { present, value } = read(variable, sources);
  for (const [key, expected] of Object.entries(rule)) {
    const test = TYPE_TESTS[key];
    if (test) return test(value, present) === expected;
    const direct = COMPARISONS[key];
    if (direct) return present && direct(value, expected);
    if (key.endsWith('Path') && COMPARISONS[key.slice(0, -4)]) {
      if (!present) return false;
      const other = read(String(expected), sources);
      if (!other.present) {
        throw new RuntimeError(
          sources.cause(`Invalid path '${String(expected)}': the path could not be found in the input.`),
        );
      }
      return COMPARISONS[key.slice(0, -4)](value, other.value);
    }
  }
  return false;
}

function read(path: string, sources: PathSources): { present: boolean; value: unknown } {
  try {
    return { present: true, value: resolveReference(path, sources) };
  } catch (e) {
    if (e instanceof PathNotFoundError) return { present: false, value: undefined };
    throw e;
  }
}
