// What one STANDARD execution has stored: its history events up to `persisted`, and the transition a
// restarted eddy resumes it from. Transitions of pure states are committed once per turn (through
// TransitionCommits); the start of a Wait or Retry back-off is committed at once, with its Entered event.
import type { ExecutionRow, ExecutionStore } from '../../../store/executions.js';
import type { HistoryEvent, StartOptions, Transition } from '../index.js';
import type { TransitionCommits } from './transition-commits.js';

/** What the progress of an execution is written with. */
export interface ProgressDeps {
  store: ExecutionStore;
  commits: TransitionCommits;
  /** True while eddy stops: nothing more is written (a restart resumes from what is stored). */
  stopping(): boolean;
}

/** The stored progress of one durable execution. */
export class ExecutionProgress {
  private persisted: number;
  /** The run's history, once startExecution has returned it. */
  private events?: HistoryEvent[];
  /** Whether a transition was committed before the history was readable (see `attach`). */
  private early = false;
  private readonly earlyCount: number;
  /**
   * The latest transition not committed yet, with how many history events precede it: the events of
   * the state it enters are not stored with it, as a resumed run enters that state again.
   */
  private pending?: { transition: Transition; upTo: number };

  constructor(
    private readonly deps: ProgressDeps,
    private readonly arn: string,
    resume: StartOptions['resume'],
  ) {
    this.persisted = resume?.events.length ?? 0;
    // The first transition fires inside startExecution, before the history is ours to read: committed
    // then (a task token issued at once must find it), its events are appended by `attach`: just
    // ExecutionStarted for a new run, nothing new for a resumed one.
    this.earlyCount = this.persisted + (resume ? 0 : 1);
  }

  /** The engine's onTransition: defers the commit to the end of the turn, or commits a Wait's start now. */
  readonly record = (transition: Transition): void => {
    if (this.deps.stopping() || transition.stateName === undefined) return;
    this.pending = { transition, upTo: this.events ? this.events.length : this.earlyCount };
    if (transition.entered === undefined) return this.deps.commits.defer(this.arn, this.commitPending);
    this.deps.commits.forget(this.arn);
    this.commitPending();
  };

  /** The run's history is readable: stores the events of a transition committed before it was. */
  attach(events: HistoryEvent[]): void {
    this.events = events;
    if (!this.early || this.deps.stopping()) return;
    this.deps.store.appendEvents(this.arn, events.slice(this.persisted, this.earlyCount));
    this.persisted = this.earlyCount;
  }

  /** The end: stores every event not stored yet with the final row (a pending transition is superseded). */
  finish(end: ExecutionRow): void {
    this.deps.commits.forget(this.arn);
    this.pending = undefined;
    this.deps.store.finish(this.arn, (this.events ?? []).slice(this.persisted), end);
  }

  private readonly commitPending = (): void => {
    const next = this.pending;
    this.pending = undefined;
    if (!next || this.deps.stopping()) return;
    if (!this.events) {
      this.early = true;
      this.deps.store.recordTransition(this.arn, [], next.transition);
      return;
    }
    this.deps.store.recordTransition(this.arn, this.events.slice(this.persisted, next.upTo), next.transition);
    this.persisted = Math.max(this.persisted, next.upTo);
  };
}
