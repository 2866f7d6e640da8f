// Starting a process blocks eddy's event loop: fork() copies the page tables of eddy's whole heap and
// waits for the child to exec (tens of milliseconds at a few hundred MB, more on a loaded machine). A
// burst of cold starts (seven failing handlers at once, each then refilling its standby) done in one
// turn of the loop held health checks for a quarter of a second. Spawns therefore take turns: one per
// turn of the event loop, so requests are answered between them. Since the spawner (spawner-host.ts)
// forks on eddy's behalf, a turn here only sends it a message; the queue still spaces the direct forks
// eddy falls back to while no spawner runs.

/** A queued spawn that has not run yet can be cancelled. */
export interface SpawnTicket {
  cancel(): void;
}

/** Runs queued spawns one per turn of the event loop, in order. */
export class SpawnQueue {
  private readonly tasks: { run: () => void; cancelled: boolean }[] = [];
  private scheduled = false;

  /** Queues `run` (called later, never synchronously). */
  enqueue(run: () => void): SpawnTicket {
    const task = { run, cancelled: false };
    this.tasks.push(task);
    this.schedule();
    return { cancel: () => void (task.cancelled = true) };
  }

  private schedule(): void {
    if (this.scheduled || this.tasks.length === 0) return;
    this.scheduled = true;
    // setImmediate, not a microtask: pending I/O (a health check, an API call) is served in between.
    setImmediate(() => {
      this.scheduled = false;
      let task = this.tasks.shift();
      while (task?.cancelled) task = this.tasks.shift();
      try {
        task?.run();
      } finally {
        this.schedule();
      }
    });
  }
}

/** The one queue of the eddy process: cold starts of every function share it. */
export const spawnQueue = new SpawnQueue();
