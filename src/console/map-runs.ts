/// <reference lib="dom" />
// The Distributed Map runs of one execution with their item counts: ListMapRuns, then DescribeMapRun for
// each (its itemCounts are the live counts while the run goes on).
import { awsCall } from './api.js';
import type { MapRunItemCounts as ItemCounts } from '../trace/map-run-counts.js';
import type { HistoryEvent } from './execution-status.js';

/** One map run of the execution. */
export interface MapRunView {
  mapRunArn: string;
  /** The Map state's name (the label in the map run ARN). */
  state: string;
  status: string;
  counts?: ItemCounts;
  /** Why DescribeMapRun's counts are missing (its error); status and total then come from the history. */
  problem?: string;
}

/** Per map run ARN, its status and item total as the parent execution's history tells them. */
export function mapRunsInHistory(history: HistoryEvent[]): Map<string, { status: string; total: number }> {
  const found = new Map<string, { status: string; total: number }>();
  const open: { status: string; total: number }[] = [];
  let total = 0;
  for (const e of history) {
    const d = (e.mapStateStartedEventDetails ?? e.mapRunStartedEventDetails) as
      Record<string, unknown> | undefined;
    if (e.type === 'MapStateStarted') total = Number(d?.length ?? 0);
    else if (e.type === 'MapRunStarted') {
      const run = { status: 'RUNNING', total };
      found.set(String(d?.mapRunArn), run);
      open.push(run);
    } else if (e.type === 'MapRunSucceeded' || e.type === 'MapRunFailed' || e.type === 'MapRunAborted') {
      const run = open.pop();
      if (run) run.status = e.type.slice('MapRun'.length).toUpperCase();
    }
  }
  return found;
}

/** The state name in `arn:...:mapRun:<machine>/<state>:<id>` (and in the older `<machine>:<execution>/<state>:<id>`). */
export function mapRunState(mapRunArn: string): string {
  const label = mapRunArn.split('/').pop() ?? '';
  return label.slice(0, label.lastIndexOf(':') < 0 ? undefined : label.lastIndexOf(':'));
}

/** `2 of 3 items · 1 running · 0 failed`: the count line drawn in the Map state's box. */
export function countLine(run: MapRunView): string {
  const c = run.counts;
  if (!c) return run.status.toLowerCase();
  if (run.problem) return `${c.total} items · ${run.status.toLowerCase()}`;
  const done = c.succeeded + c.failed + c.timedOut + c.aborted;
  const parts = [`${done}/${c.total} items`];
  if (c.running) parts.push(`${c.running} running`);
  if (c.failed + c.timedOut) parts.push(`${c.failed + c.timedOut} failed`);
  return parts.join(' · ');
}

/**
 * Loads the map runs of `executionArn`, in start order. When DescribeMapRun fails, the run's status and
 * item total come from the execution's `history` and the other counts stay unknown (NaN).
 */
export async function loadMapRuns(executionArn: string, history: HistoryEvent[]): Promise<MapRunView[]> {
  const known = mapRunsInHistory(history);
  const list = await awsCall<{ mapRuns: { mapRunArn: string; stopDate?: number }[] }>(
    'AWSStepFunctions.ListMapRuns',
    { executionArn, maxResults: 100 },
  );
  return Promise.all(
    list.mapRuns.map(async (r): Promise<MapRunView> => {
      const base = { mapRunArn: r.mapRunArn, state: mapRunState(r.mapRunArn) };
      try {
        const d = await awsCall<{ status: string; itemCounts: ItemCounts }>(
          'AWSStepFunctions.DescribeMapRun',
          {
            mapRunArn: r.mapRunArn,
          },
        );
        return { ...base, status: d.status, counts: d.itemCounts };
      } catch (error) {
        const seen = known.get(r.mapRunArn);
        const status = seen?.status ?? (r.stopDate === undefined ? 'RUNNING' : 'ENDED');
        const unknown = {
          pending: NaN,
          running: NaN,
          succeeded: NaN,
          failed: NaN,
          timedOut: NaN,
          aborted: NaN,
        };
        const counts = seen && { ...unknown, total: seen.total };
        return { ...base, status, counts, problem: (error as Error).message };
      }
    }),
  );
}

/** The map run a `map-run` trace record reports (the engine publishes one at most every 250 ms). */
export function mapRunFromRecord(payload: Record<string, unknown>): MapRunView | undefined {
  if (typeof payload.mapRunArn !== 'string' || typeof payload.itemCounts !== 'object') return undefined;
  return {
    mapRunArn: payload.mapRunArn,
    state: typeof payload.stateName === 'string' ? payload.stateName : mapRunState(payload.mapRunArn),
    status: String(payload.status ?? 'RUNNING'),
    counts: payload.itemCounts as ItemCounts,
  };
}

/** `runs` with `run` replacing the one of the same ARN (or added at the end). */
export function upsertMapRun(runs: MapRunView[], run: MapRunView): MapRunView[] {
  const at = runs.findIndex((r) => r.mapRunArn === run.mapRunArn);
  return at < 0 ? [...runs, run] : runs.map((r, i) => (i === at ? run : r));
}
