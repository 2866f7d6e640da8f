// Process CPU and process trees from /proc (Linux), for the benchmarks' CPU figures: these machines are
// shared, so the CPU a process used is steadier than wall time.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * utime + stime (+ cutime + cstime: children already reaped, with `withReaped`) of a process, in ms;
 * undefined when it is gone or there is no /proc.
 */
export function processCpuMs(pid: number | 'self', withReaped = false): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at "state", field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return ((utime + stime + (withReaped ? cutime + cstime : 0)) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The processes `pid` started (still alive). */
export function childrenOf(pid: number | 'self'): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Every live descendant of `pid`: its children, theirs, and so on. */
export function descendantsOf(pid: number | 'self'): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}
