// EventBridge event patterns: validation with AWS's messages, a compiled many-rule matcher, and the
// brute-force reference matcher it is tested against. Pure: imports nothing else of eddy.
import { PatternError } from './errors.js';
import { RuleMatcher } from './machine.js';
import { parsePattern } from './parse.js';
import type { ParsedPattern } from './types.js';

export {
  INVALID_PATTERN_CODE,
  MAX_OR_COMBINATIONS,
  MAX_PATTERN_LENGTH,
  PatternError,
  invalidPatternMessage,
} from './errors.js';
export { RuleMatcher } from './machine.js';
export { parsePattern } from './parse.js';
export { referenceMatches } from './reference.js';
export type { Branch, Field, Matcher, ParsedPattern } from './types.js';

/** AWS's reason why the pattern is invalid, or null when it is valid. */
export function validatePattern(text: string): string | null {
  try {
    parsePattern(text);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}

/** A single compiled pattern, for one-off matching (TestEventPattern, Pipes filters). */
export interface CompiledPattern {
  readonly parsed: ParsedPattern;
  matches(event: string | object): boolean;
}

/** Compile one pattern; throws PatternError when invalid. */
export function compilePattern(text: string): CompiledPattern {
  const parsed = parsePattern(text);
  const matcher = new RuleMatcher();
  matcher.add('pattern', parsed);
  return { parsed, matches: (event) => matcher.match(event).length > 0 };
}

/** Does the pattern match the event? Throws PatternError when the pattern is invalid. */
export function matchesPattern(patternText: string, event: unknown): boolean {
  return compilePattern(patternText).matches(event as string | object);
}
