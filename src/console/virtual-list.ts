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

  /** Draws the rows in view now. */
  render(): void {
    const { rowHeight } = this.options;
    const top = this.element.scrollTop;
    const height = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / rowHeight) - 10);
    const last = Math.min(this.items.length, Math.ceil((top + height) / rowHeight) + 10);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = this.options.render(this.items[i], i);
      row.style.top = `${i * rowHeight}px`;
      row.style.height = `${rowHeight}px`;
      rows.push(row);
    }
    this.body.replaceChildren(...rows);
    if (last >= this.items.length - 20 && this.items.length > 0) this.options.onNearEnd?.();
  }
}
