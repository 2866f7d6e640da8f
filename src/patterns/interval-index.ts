// Numeric ranges indexed for point lookup: the distinct bounds split the number line into elementary
// slots (open gaps and the bounds themselves), each listing the ranges that cover it. A lookup is one
// binary search, whatever the number of ranges. Rebuilt lazily after a change.
import type { NumericRange } from './numeric.js';

/** Ranges with owners, looked up by point. */
export class IntervalIndex<T> {
  private items: Array<{ range: NumericRange; owner: T }> = [];
  private points: number[] = [];
  private slots: T[][] = [];
  private dirty = false;

  /** Add a range. */
  add(range: NumericRange, owner: T): void {
    this.items.push({ range, owner });
    this.dirty = true;
  }

  /** Remove every range of an owner. */
  remove(owner: T): void {
    this.items = this.items.filter((i) => i.owner !== owner);
    this.dirty = true;
  }

  /** True when nothing is indexed. */
  get empty(): boolean {
    return this.items.length === 0;
  }

  /** The owners whose range covers the (comparable, quantized) value. */
  lookup(value: number): readonly T[] {
    if (this.dirty) this.rebuild();
    return this.slots[this.slotOf(value)];
  }

  private slotOf(value: number): number {
    const points = this.points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo < points.length && points[lo] === value ? 2 * lo + 1 : 2 * lo;
  }

  private rebuild(): void {
    const bounds = new Set<number>();
    for (const { range } of this.items) {
      if (Number.isFinite(range.low)) bounds.add(range.low);
      if (Number.isFinite(range.high)) bounds.add(range.high);
    }
    this.points = [...bounds].sort((a, b) => a - b);
    const last = 2 * this.points.length;
    this.slots = Array.from({ length: last + 1 }, () => []);
    for (const { range, owner } of this.items) {
      const first = Number.isFinite(range.low) ? this.slotOf(range.low) + (range.lowOpen ? 1 : 0) : 0;
      const end = Number.isFinite(range.high) ? this.slotOf(range.high) - (range.highOpen ? 1 : 0) : last;
      for (let s = first; s <= end; s++) this.slots[s].push(owner);
    }
    this.dirty = false;
  }
}
