// A reusable list of the conditions one leaf satisfied: refilled for every leaf without reallocating
// (resetting an array's length showed up in profiles).

/** An append-only list that is reset by its count. */
export class Hits<T> {
  items: T[] = [];
  count = 0;

  /** Append one item. */
  add(item: T): void {
    this.items[this.count++] = item;
  }

  /** Append every item of a list. */
  addAll(list: readonly T[]): void {
    for (let i = 0; i < list.length; i++) this.items[this.count++] = list[i];
  }
}
