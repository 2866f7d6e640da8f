// The array elements met while reading one event, as a parent-linked table of integers: a leaf's
// position among nested arrays is just the id of its innermost element, recorded without allocating.
// Array consistency then compares two positions by walking up their parents (rarely needed). A number
// in an array is only entered when some condition needs its position (`pend`/`here`): most numbers
// (coordinates) hit nothing, and entering each one showed up in the numeric benchmark's profile.

/** `pendingArray` once the pending element was entered. */
const ENTERED = -2;

/** Array elements of the current event: (array id, index, parent element) per element id. */
export class ElementTable {
  /** The innermost element entered, or -1 outside any array (see `here` for a pending one). */
  current = -1;
  /** The array of the element pending (`pend`), -1 when none, ENTERED once `here` entered it. */
  private pendingArray = -1;
  private pendingIndex = 0;
  private count = 0;
  private arrays = 0;
  private arrayIds = new Int32Array(64);
  private indexes = new Int32Array(64);
  private parents = new Int32Array(64);

  /** Start a new event. */
  reset(): void {
    this.current = -1;
    this.pendingArray = -1;
    this.count = 0;
    this.arrays = 0;
  }

  /** A fresh id for an array. */
  newArray(): number {
    return this.arrays++;
  }

  /** Enter element `index` of array `arrayId`. */
  enter(arrayId: number, index: number): void {
    if (this.count === this.arrayIds.length) this.grow();
    const k = this.count++;
    this.arrayIds[k] = arrayId;
    this.indexes[k] = index;
    this.parents[k] = this.current;
    this.current = k;
  }

  /** Leave the current element. */
  leave(): void {
    this.current = this.parents[this.current];
  }

  /** Element `index` of array `arrayId` is being read as a leaf: entered only if `here` is asked. */
  pend(arrayId: number, index: number): void {
    this.pendingArray = arrayId;
    this.pendingIndex = index;
  }

  /** The pending element is read: leave it if it was entered. */
  unpend(): void {
    if (this.pendingArray === ENTERED) this.leave();
    this.pendingArray = -1;
  }

  /** The position of the leaf being read (entering a pending element first), or -1 outside arrays. */
  here(): number {
    if (this.pendingArray >= 0) {
      this.enter(this.pendingArray, this.pendingIndex);
      this.pendingArray = ENTERED;
    }
    return this.current;
  }

  /** True when two positions agree on every array they share (the same element of each). */
  compatible(a: number, b: number): boolean {
    if (a === b || a < 0 || b < 0) return true;
    const chainA = this.chain(a);
    const chainB = this.chain(b);
    const n = Math.min(chainA.length, chainB.length);
    for (let i = 0; i < n && this.arrayIds[chainA[i]] === this.arrayIds[chainB[i]]; i++) {
      if (this.indexes[chainA[i]] !== this.indexes[chainB[i]]) return false;
    }
    return true;
  }

  /** The element ids from the outermost array down to `k`. */
  private chain(k: number): number[] {
    const out: number[] = [];
    for (let e = k; e >= 0; e = this.parents[e]) out.push(e);
    return out.reverse();
  }

  private grow(): void {
    const size = this.arrayIds.length * 2;
    const copy = (from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.arrayIds = copy(this.arrayIds);
    this.indexes = copy(this.indexes);
    this.parents = copy(this.parents);
  }
}
