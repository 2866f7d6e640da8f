// Prefix and suffix lookup without scanning rules: entries are grouped by the length of their affix,
// so a value is checked with one Map lookup per distinct affix length, whatever the number of rules.

import type { Hits } from './hits.js';

/** An indexed entry: its owner and an optional full check (wildcards indexed by their literal head). */
export interface AffixEntry<T> {
  owner: T;
  verify?: (value: string) => boolean;
}

/** Entries keyed by a prefix or suffix. */
export class LengthIndex<T> {
  private readonly byLength = new Map<number, Map<string, Array<AffixEntry<T>>>>();
  private lengths: number[] = [];

  constructor(private readonly fromEnd: boolean) {}

  /** Index an entry under an affix. */
  add(affix: string, entry: AffixEntry<T>): void {
    let map = this.byLength.get(affix.length);
    if (!map) {
      map = new Map();
      this.byLength.set(affix.length, map);
      this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
    }
    const list = map.get(affix);
    if (list) list.push(entry);
    else map.set(affix, [entry]);
  }

  /** Remove the entries of an owner under an affix. */
  remove(affix: string, owner: T): void {
    const map = this.byLength.get(affix.length);
    const list = map?.get(affix);
    if (!map || !list) return;
    const kept = list.filter((e) => e.owner !== owner);
    if (kept.length > 0) map.set(affix, kept);
    else map.delete(affix);
    if (map.size === 0) {
      this.byLength.delete(affix.length);
      this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
    }
  }

  /** True when nothing is indexed. */
  get empty(): boolean {
    return this.lengths.length === 0;
  }

  /** Push the owners whose affix the value has (and whose verify accepts it). */
  collect(value: string, out: Hits<T>): void {
    const n = value.length;
    for (const len of this.lengths) {
      if (len > n) return;
      const list = (this.byLength.get(len) as Map<string, Array<AffixEntry<T>>>).get(
        this.fromEnd ? value.slice(n - len) : value.slice(0, len),
      );
      if (list === undefined) continue;
      for (const e of list) if (e.verify === undefined || e.verify(value)) out.add(e.owner);
    }
  }
}
