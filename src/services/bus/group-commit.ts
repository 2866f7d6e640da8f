// Group commit: PutEvents requests that arrive in the same turn of the event loop share one SQLite
// commit, and each is answered only after it. Under load this turns one commit per request into one
// per turn, while a lone request still waits no longer than the current turn (no timer, no window).

/** Requests staged for the next commit: their items, and how each is answered. */
interface Staged<T> {
  items: T[];
  settle(error?: unknown): void;
}

/** Collects items from concurrent callers and writes them with one `write` call per turn. */
export class GroupCommit<T> {
  private staged: Staged<T>[] = [];

  /** `write` commits the items (one transaction) or throws; `afterStage` runs once per new group. */
  constructor(
    private readonly write: (items: T[]) => void,
    private readonly afterStage: () => void = () => undefined,
  ) {}

  /** Stages items; resolves once they are committed, rejects when their commit failed. */
  add(items: T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.staged.push({ items, settle: (error) => (error ? reject(error) : resolve()) });
      if (this.staged.length > 1) return;
      setImmediate(() => this.flush());
      this.afterStage();
    });
  }

  /** Whether requests wait for a commit. */
  get pending(): boolean {
    return this.staged.length > 0;
  }

  /** Commits every staged request in one transaction now, then answers them. */
  flush(): void {
    const batch = this.staged;
    this.staged = [];
    if (batch.length === 0) return;
    let failure: unknown;
    try {
      this.write(batch.length === 1 ? batch[0].items : batch.flatMap((b) => b.items));
    } catch (error) {
      failure = error ?? new Error('the journal commit failed');
    }
    for (const b of batch) b.settle(failure);
  }
}
