// The compiled form of an event pattern: `$or` expanded into branches, each branch a list of fields
// (dot-joined paths, sorted) with the matchers any one of which a value at that path must satisfy.
import type { IpRange } from './cidr.js';
import type { NumericRange } from './numeric.js';
import type { Wildcard } from './wildcard.js';

/** One test on one leaf value of the event (one element of a field's pattern array). */
export type Matcher =
  | { type: 'exact-string'; value: string }
  | { type: 'exact-number'; value: number }
  | { type: 'exact-literal'; value: boolean | null }
  | { type: 'ip'; range: IpRange }
  | { type: 'prefix'; value: string; ignoreCase: boolean }
  | { type: 'suffix'; value: string; ignoreCase: boolean }
  | { type: 'equals-ignore-case'; value: string }
  | { type: 'wildcard'; wildcard: Wildcard }
  | { type: 'numeric'; range: NumericRange }
  | { type: 'exists'; value: boolean }
  | { type: 'anything-but-string'; values: string[] }
  | { type: 'anything-but-number'; values: number[] }
  | { type: 'anything-but-ignore-case'; values: string[] }
  | { type: 'anything-but-prefix'; values: string[] }
  | { type: 'anything-but-suffix'; values: string[] }
  | { type: 'anything-but-wildcard'; wildcards: Wildcard[] };

/** A field of a branch: the event path and its alternatives. */
export interface Field {
  path: string;
  matchers: Matcher[];
}

/** One `$or` combination: every field must match. */
export type Branch = Field[];

/** A parsed, validated pattern. */
export interface ParsedPattern {
  branches: Branch[];
}

/** Case folding used by every ignore-case operator. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}
