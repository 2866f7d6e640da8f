// The per-field index of the compiled matcher: for one event path, which conditions does a leaf value
// satisfy? Exact strings and literals and equals-ignore-case are Map lookups, prefixes, suffixes and
// anchored wildcards go through length-grouped Maps, numeric ranges and exact numbers (as one-point
// ranges) through one interval index, so a number costs one binary search; only the operators that match almost everything (anything-but, exists) or cannot be keyed
// (cidr, wildcards with stars at both ends) are checked one by one.
import { ipInRange, ipToHex, type IpRange } from './cidr.js';
import type { Hits } from './hits.js';
import { IntervalIndex } from './interval-index.js';
import { LengthIndex } from './length-index.js';
import { isComparable, NUMERIC_LIMIT, type NumericRange } from './numeric.js';
import { valueMatches, type Leaf } from './predicate.js';
import { foldCase, type Matcher } from './types.js';
import { wildcardMatches } from './wildcard.js';

const NONE: readonly never[] = [];

/** All conditions over one event path. */
export class FieldIndex<T> {
  /** How many (matcher, owner) pairs are indexed; the field is dropped at zero. */
  size = 0;
  /** The event epoch in which a leaf was last seen at this path (for `exists: false`). */
  seenEpoch = -1;

  private readonly exact = new Map<unknown, T[]>();
  private readonly folded = new Map<string, T[]>();
  private readonly prefixes = new LengthIndex<T>(false);
  private readonly foldedPrefixes = new LengthIndex<T>(false);
  private readonly suffixes = new LengthIndex<T>(true);
  private readonly foldedSuffixes = new LengthIndex<T>(true);
  private readonly numeric = new IntervalIndex<T>();
  private numericCount = 0;
  private ips: Array<{ range: IpRange; owner: T }> = [];
  private scanned: Array<{ matcher: Matcher; owner: T }> = [];
  private any: T[] = [];

  /** Index one matcher of a condition. */
  add(m: Matcher, owner: T): void {
    this.size++;
    this.apply(m, owner, true);
  }

  /** Remove one matcher of a condition. */
  remove(m: Matcher, owner: T): void {
    this.size--;
    this.apply(m, owner, false);
  }

  private apply(m: Matcher, owner: T, adding: boolean): void {
    const keyed = (map: Map<unknown, T[]>, key: unknown): void => {
      const list = map.get(key) ?? [];
      const next = adding ? [...list, owner] : list.filter((o) => o !== owner);
      if (next.length > 0) map.set(key, next);
      else map.delete(key);
    };
    const affix = (index: LengthIndex<T>, key: string, verify?: (v: string) => boolean): void => {
      if (adding) index.add(key, { owner, verify });
      else index.remove(key, owner);
    };
    switch (m.type) {
      case 'exact-string':
      case 'exact-literal':
        return keyed(this.exact, m.value);
      case 'exact-number':
        // Outside the comparable range a pattern number matches only itself, exactly.
        if (!isComparable(m.value)) return keyed(this.exact, m.value);
        return this.ranged({ low: m.value, lowOpen: false, high: m.value, highOpen: false }, owner, adding);
      case 'equals-ignore-case':
        return keyed(this.folded as Map<unknown, T[]>, m.value);
      case 'prefix':
        return affix(m.ignoreCase ? this.foldedPrefixes : this.prefixes, m.value);
      case 'suffix':
        return affix(m.ignoreCase ? this.foldedSuffixes : this.suffixes, m.value);
      case 'wildcard': {
        const { pieces } = m.wildcard;
        const verify = (v: string): boolean => wildcardMatches(m.wildcard, v);
        if (pieces.length === 1) return keyed(this.exact, pieces[0]);
        if (pieces[0] !== '') return affix(this.prefixes, pieces[0], verify);
        if (pieces[pieces.length - 1] !== '') return affix(this.suffixes, pieces[pieces.length - 1], verify);
        break;
      }
      case 'numeric':
        return this.ranged(m.range, owner, adding);
      case 'ip':
        if (adding) this.ips.push({ range: m.range, owner });
        else this.ips = this.ips.filter((i) => i.owner !== owner);
        return;
      case 'exists':
        // exists:false is decided from `seenEpoch`, not from a value.
        if (m.value) this.any = adding ? [...this.any, owner] : this.any.filter((o) => o !== owner);
        return;
    }
    if (adding) this.scanned.push({ matcher: m, owner });
    else this.scanned = this.scanned.filter((s) => s.owner !== owner);
  }

  private ranged(range: NumericRange, owner: T, adding: boolean): void {
    // An owner's matchers are always removed together, so one remove drops all its ranges.
    if (adding) this.numeric.add(range, owner);
    else this.numeric.remove(owner);
    this.numericCount += adding ? 1 : -1;
  }

  /** True when numbers are decided by `numbers` alone (no operator here checks values one by one). */
  get keyedNumbers(): boolean {
    return this.scanned.length === 0 && this.any.length === 0;
  }

  /** The conditions (exact numbers and ranges) a number hits; one binary search. */
  numbers(v: number): readonly T[] {
    // numberKey() inlined: this runs for every number of every referenced array (coordinates).
    if (v >= -NUMERIC_LIMIT && v <= NUMERIC_LIMIT) {
      return this.numericCount === 0 ? NONE : this.numeric.lookup(Math.round(v * 1e6) / 1e6);
    }
    return (this.exact.size === 0 ? undefined : this.exact.get(v)) ?? NONE;
  }

  /** Push every condition the leaf value satisfies (a condition may appear more than once). */
  collect(v: Leaf, out: Hits<T>): void {
    if (typeof v === 'string') this.collectString(v, out);
    else if (typeof v === 'number') out.addAll(this.numbers(v));
    else if (this.exact.size > 0) {
      const hit = this.exact.get(v);
      if (hit) out.addAll(hit);
    }
    const scanned = this.scanned;
    for (let i = 0; i < scanned.length; i++)
      if (valueMatches(scanned[i].matcher, v)) out.add(scanned[i].owner);
    if (this.any.length > 0) out.addAll(this.any);
  }

  private collectString(v: string, out: Hits<T>): void {
    const hit = this.exact.size === 0 ? undefined : this.exact.get(v);
    if (hit) out.addAll(hit);
    if (!this.prefixes.empty) this.prefixes.collect(v, out);
    if (!this.suffixes.empty) this.suffixes.collect(v, out);
    if (this.folded.size > 0 || !this.foldedPrefixes.empty || !this.foldedSuffixes.empty) {
      const lower = foldCase(v);
      const folded = this.folded.get(lower);
      if (folded) out.addAll(folded);
      if (!this.foldedPrefixes.empty) this.foldedPrefixes.collect(lower, out);
      if (!this.foldedSuffixes.empty) this.foldedSuffixes.collect(lower, out);
    }
    if (this.ips.length > 0) {
      const hex = ipToHex(v);
      if (hex !== undefined) for (const i of this.ips) if (ipInRange(i.range, hex)) out.add(i.owner);
    }
  }
}
