// Coalesces STANDARD executions' commits: a run of pure states (Pass, Choice, ...) records its latest
// transition and new history events once per turn of the event loop instead of once per state. Whatever
// can be seen outside the execution (a task or Lambda invocation, a message, a child execution, a task
// token, the start of a Wait or Retry back-off, the end) first commits what is pending, so a restarted
// eddy resumes from a transition no later than the last visible effect: only pure states run again.
import type { Db } from '../../../store/database.js';

/** Pending commits per execution, written together at the end of the turn or when one is flushed. */
export class TransitionCommits {
  private readonly pending = new Map<string, () => void>();
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /** Remembers that `arn` has something to commit; `commit` writes it (and reads its latest state then). */
  defer(arn: string, commit: () => void): void {
    this.pending.set(arn, commit);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flushAll());
  }

  /** Commits what `arn` has pending, now: something is about to leave the execution. */
  flush(arn: string): void {
    const commit = this.pending.get(arn);
    if (commit === undefined) return;
    this.pending.delete(arn);
    commit();
  }

  /** Drops what `arn` has pending (its end commits every remaining event itself). */
  forget(arn: string): void {
    this.pending.delete(arn);
  }

  /** Commits every execution's pending transition in one transaction. */
  flushAll(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const commits = [...this.pending.values()];
    this.pending.clear();
    // The store may have closed under a stopped eddy: what was pending is then resumed from the
    // previous commit, as after a kill.
    if (!this.db.open) return;
    this.db.transaction(() => {
      for (const commit of commits) commit();
    })();
  }
}
