// CPU accounting for a benchmark phase. These machines are shared, so wall time swings with other
// people's load; the CPU this process and its descendants (handler instances, baseline workers) used
// is the steadier figure. Read from /proc (Linux); elsewhere only wall time and this process's CPU.
import { childrenOf, processCpuMs } from '../proc.js';

/** CPU ms of this process and every descendant, alive or reaped; undefined without /proc. */
export function treeCpuMs(pid: number | 'self' = 'self'): number | undefined {
  const own = processCpuMs(pid, true);
  if (pid === 'self' && own === undefined) return undefined;
  return (own ?? 0) + childrenOf(pid).reduce((sum, child) => sum + (treeCpuMs(child) ?? 0), 0);
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
