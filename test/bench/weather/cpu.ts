// CPU accounting for a benchmark phase. These machines are shared, so wall time swings with other
// people's load; the CPU this process and its descendants (handler instances, baseline workers) used
// is the steadier figure. Read from /proc (Linux); elsewhere only wall time and this process's CPU.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime (+ cutime + cstime: children already reaped) of a process, in ms; 0 when gone. */
function processCpuMs(pid: number | 'self', withReaped: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at "state", field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return ((utime + stime + (withReaped ? cutime + cstime : 0)) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number | 'self'): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** CPU ms of this process and every descendant, alive or reaped; undefined without /proc. */
export function treeCpuMs(pid: number | 'self' = 'self'): number | undefined {
  if (pid === 'self' && processCpuMs('self', true) === 0 && childrenOf('self').length === 0) return undefined;
  return processCpuMs(pid, true) + childrenOf(pid).reduce((sum, child) => sum + (treeCpuMs(child) ?? 0), 0);
}

/** What a phase cost. */
export interface PhaseCost {
  wallMs: number;
  /** CPU of this process (eddy's main process when it runs in-process). */
  selfCpuMs: number;
  /** CPU of this process and its descendants (handler instances, worker processes). */
  treeCpuMs?: number;
}

/** Measures `phase`. */
export async function measure<T>(phase: () => Promise<T>): Promise<{ result: T; cost: PhaseCost }> {
  const wall = performance.now();
  const self = process.cpuUsage();
  const tree = treeCpuMs();
  const result = await phase();
  const used = process.cpuUsage(self);
  const treeAfter = treeCpuMs();
  return {
    result,
    cost: {
      wallMs: performance.now() - wall,
      selfCpuMs: (used.user + used.system) / 1000,
      ...(tree !== undefined && treeAfter !== undefined ? { treeCpuMs: treeAfter - tree } : {}),
    },
  };
}
