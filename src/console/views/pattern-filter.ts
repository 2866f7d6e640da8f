/// <reference lib="dom" />
// Filtering events by an EventBridge event pattern: the server matches (with eddy's own matcher, so the
// console agrees with the rules), and the result is fetched again when new events arrive.
import { fetchEvents } from '../api.js';
import { toEventRow, type EventRow } from '../event-list.js';

/** How many matching events the pattern filter shows at most. */
const LIMIT = 2000;

/** The rows matching the current pattern, or undefined when no pattern is set. */
export class PatternFilter {
  rows: EventRow[] | undefined;
  private pattern = '';
  private timer = 0;

  constructor(
    private readonly onError: (message: string) => void,
    private readonly onRows: () => void,
  ) {}

  /** Sets the pattern (empty clears it) and loads its matches. */
  set(pattern: string): void {
    this.pattern = pattern;
    if (!pattern) {
      this.rows = undefined;
      this.onError('');
      this.onRows();
      return;
    }
    void this.load();
  }

  /** Loads the matches again shortly (after a burst of new events). */
  refreshSoon(): void {
    if (!this.pattern || this.timer) return;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      void this.load();
    }, 300);
  }

  private async load(): Promise<void> {
    const pattern = this.pattern;
    try {
      const page = await fetchEvents(LIMIT, undefined, pattern);
      if (pattern !== this.pattern) return;
      this.rows = page.records.map(toEventRow).filter((r) => r !== undefined);
      this.onError('');
    } catch (error) {
      if (pattern !== this.pattern) return;
      this.rows = [];
      this.onError((error as Error).message);
    }
    this.onRows();
  }
}
