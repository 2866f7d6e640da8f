// FilterCriteria for SQS sources, as Lambda and Pipes apply them: a record passes when any pattern
// matches it, with `body` parsed when it holds JSON; a record that matches no pattern is deleted from the
// queue (docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html, "Filtering Amazon SQS").
import { RuleMatcher, parsePattern } from '../../patterns/index.js';
import { decodePipeEvent } from '../../transform/index.js';

/** A compiled FilterCriteria: `matches(record)`; no patterns means everything passes. */
export interface RecordFilter {
  matches(record: object): boolean;
}

/** Compiles FilterCriteria patterns (JSON text) once; throws the pattern engine's error for a bad one. */
export function compileFilter(patterns: readonly string[]): RecordFilter {
  if (patterns.length === 0) return { matches: () => true };
  const matcher = new RuleMatcher();
  patterns.forEach((text, i) => matcher.add(`filter-${i}`, parsePattern(text)));
  return { matches: (record) => matcher.match(decodePipeEvent(record) as object).length > 0 };
}

/** The pattern texts of FilterCriteria (`{ Filters: [{ Pattern }] }`), in either casing. */
export function filterPatterns(criteria: unknown): string[] {
  if (!criteria || typeof criteria !== 'object') return [];
  const filters =
    (criteria as Record<string, unknown>).Filters ?? (criteria as Record<string, unknown>).filters;
  if (!Array.isArray(filters)) return [];
  return filters
    .map((f: Record<string, unknown>) => f?.Pattern ?? f?.pattern)
    .filter((p): p is string => typeof p === 'string');
}
