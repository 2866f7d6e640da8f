// Handler processes run at a lower scheduling priority than eddy. eddy is the control plane: it answers
// the API and health checks, commits and acknowledges events, and hands every function its invocations;
// a handler is the user's work. On a machine with fewer cores than busy processes, a handler woken by
// the invocation eddy writes to it preempted eddy in the middle of its turn (the IPC write returned only
// after the handler had run), so invocation latency at 1,000 events/s and health checks during a storm
// of looping or allocating handlers depended on the handlers. At nice +10 the scheduler lets eddy finish
// its turn first; a handler still gets every cycle eddy does not use. (On Lambda each execution
// environment has its own CPU share: no handler competes with the service that invokes it.) The price:
// on a machine saturated by other programs a handler gets a smaller share than they do, and its Timeout
// is still wall-clock time; measured so, handler CPU per invocation rose (colder caches, more instances
// in turn), which is why this is a fixed, moderate step and not the lowest priority.
import { getPriority, setPriority } from 'node:os';

/** How much nicer than eddy a handler process runs (Unix nice: higher is lower priority; 19 at most). */
export const HANDLER_NICENESS = 10;

/** Lowers a started handler process's priority; does nothing where the platform does not permit it. */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + HANDLER_NICENESS));
  } catch {
    // EPERM/EACCES (a restricted container, another user's process) or an unsupported platform: the
    // handler then runs at eddy's priority, as it did before; nothing else depends on it.
  }
}
