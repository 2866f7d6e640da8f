// What one matcher says about one leaf value of an event: the operator semantics in one place. String
// operators never match numbers, numbers compare numerically, and every anything-but form matches
// values of other types (null included), as EventBridge does.
import { ipInRange, ipToHex } from './cidr.js';
import { inRange, isComparable, quantize } from './numeric.js';
import { foldCase, type Matcher } from './types.js';
import { wildcardMatches } from './wildcard.js';

/** A leaf value of an event: a string, number, boolean or null. */
export type Leaf = string | number | boolean | null;

/** The key an event number is looked up by (numbers compare at six decimals inside AWS's range). */
export function numberKey(value: number): number {
  return isComparable(value) ? quantize(value) : value;
}

/** True when the matcher accepts the leaf value (`exists` accepts any leaf). */
export function valueMatches(m: Matcher, v: Leaf): boolean {
  switch (m.type) {
    case 'exact-string':
      return v === m.value;
    case 'exact-number':
      return typeof v === 'number' && numberKey(v) === m.value;
    case 'exact-literal':
      return v === m.value;
    case 'ip':
      return typeof v === 'string' && ipInRange(m.range, ipToHex(v));
    case 'prefix':
      return typeof v === 'string' && (m.ignoreCase ? foldCase(v) : v).startsWith(m.value);
    case 'suffix':
      return typeof v === 'string' && (m.ignoreCase ? foldCase(v) : v).endsWith(m.value);
    case 'equals-ignore-case':
      return typeof v === 'string' && foldCase(v) === m.value;
    case 'wildcard':
      return typeof v === 'string' && wildcardMatches(m.wildcard, v);
    case 'numeric':
      return typeof v === 'number' && inRange(m.range, v);
    case 'exists':
      return m.value;
    case 'anything-but-string':
      return typeof v !== 'string' || !m.values.includes(v);
    case 'anything-but-number':
      return typeof v !== 'number' || !m.values.includes(numberKey(v));
    case 'anything-but-ignore-case':
      return typeof v !== 'string' || !m.values.includes(foldCase(v));
    case 'anything-but-prefix':
      return typeof v !== 'string' || !m.values.some((p) => v.startsWith(p));
    case 'anything-but-suffix':
      return typeof v !== 'string' || !m.values.some((s) => v.endsWith(s));
    case 'anything-but-wildcard':
      return typeof v !== 'string' || !m.wildcards.some((w) => wildcardMatches(w, v));
  }
}
