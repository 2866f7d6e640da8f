/// <reference lib="dom" />
// A virtual list: only the rows in view (plus a few) exist in the DOM, so 100,000 rows scroll smoothly.

/** Options of a virtual list. */
export interface VirtualListOptions<T> {
  rowHeight: number;
  render(item: T, index: number): HTMLElement;
  /** Called when the user scrolls near the end (to load older items). */
  onNearEnd?(): void;
}

/** A scrolling list of fixed-height rows. */
export class VirtualList<T> {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private items: T[] = [];
  /** The rows in the DOM by item index. */
  private readonly drawn = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.element = document.createElement('div');
    this.element.className = 'vlist';
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.body = document.createElement('div');
    this.body.className = 'vlist-body';
    this.spacer.appendChild(this.body);
    this.element.appendChild(this.spacer);
    this.element.addEventListener('scroll', () => this.schedule(), { passive: true });
  }

  /** Replaces the items (keeps the scroll position). */
  setItems(items: T[]): void {
    this.items = items;
    this.drawn.clear(); // indices may now point at other items
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the rows in view now, reusing the rows still in view (scrolling creates only the new ones). */
  render(): void {
    const { rowHeight } = this.options;
    const top = this.element.scrollTop;
    const height = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / rowHeight) - 10);
    const last = Math.min(this.items.length, Math.ceil((top + height) / rowHeight) + 10);
    let kept = 0;
    for (const index of this.drawn.keys()) if (index >= first && index < last) kept++;
    if (kept === 0) {
      // A jump (scrollbar drag, End key): nothing stays, so one call empties the body instead of
      // removing each row, which the profile showed as the main cost of a jump.
      this.body.replaceChildren();
      this.drawn.clear();
    } else
      for (const [index, row] of this.drawn) {
        if (index < first || index >= last) {
          row.remove();
          this.drawn.delete(index);
        }
      }
    for (let i = first; i < last; i++) {
      if (this.drawn.has(i)) continue;
      const row = this.options.render(this.items[i], i);
      row.style.top = `${i * rowHeight}px`;
      row.style.height = `${rowHeight}px`;
      this.body.appendChild(row);
      this.drawn.set(i, row);
    }
    if (last >= this.items.length - 20 && this.items.length > 0) this.options.onNearEnd?.();
  }
}
