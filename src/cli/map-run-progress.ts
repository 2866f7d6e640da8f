// Map-run progress for the terminal: reads an execution's Distributed Map runs (ListMapRuns +
// DescribeMapRun), draws one live cli-progress bar per run while it goes on, and renders the one-line
// summaries that `eddy workflows start --wait` prints at the end and `eddy tail` prints per record.
import cliProgress from 'cli-progress';
import { callAwsJson } from './aws-json-client.js';
import type { MapRunItemCounts } from '../trace/map-run-counts.js';
import { colors } from './colors.js';

/** A map run as the CLI shows it. */
export interface MapRunSummary {
  mapRunArn: string;
  /** The Map state's name (or Label), from the map run ARN `.../<state>:<id>`. */
  label: string;
  status: string;
  /** Items (not child executions: a batch of 100 counts 100). */
  total: number;
  succeeded: number;
  /** Failed and timed out. */
  failed: number;
  aborted: number;
  running: number;
  /** Epoch seconds, as the SFN API gives them. */
  startDate?: number;
  stopDate?: number;
}

/** The item counts of DescribeMapRun (or of a map-run trace record); older records may lack some. */
type ItemCounts = Partial<MapRunItemCounts>;

/** The Map state's name in a map run ARN (`arn:...:mapRun:<machine>/<state>:<id>`). */
export function mapRunLabel(mapRunArn: string): string {
  const tail = mapRunArn.split('/').pop() ?? mapRunArn;
  return tail.includes(':') ? tail.slice(0, tail.lastIndexOf(':')) : tail;
}

/** Epoch seconds from what the API (seconds) or a trace record (milliseconds, or ISO) carries. */
function epochSeconds(value: unknown): number | undefined {
  // 1e11 s is the year 5138, so anything larger is milliseconds.
  if (typeof value === 'number') return value > 1e11 ? value / 1000 : value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

/** A summary from a DescribeMapRun answer or a trace payload (counts flat or under `itemCounts`). */
export function summarizeMapRun(described: Record<string, unknown>): MapRunSummary {
  const counts = (described.itemCounts ?? described) as ItemCounts;
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const mapRunArn = String(described.mapRunArn ?? '');
  return {
    mapRunArn,
    label: typeof described.stateName === 'string' ? described.stateName : mapRunLabel(mapRunArn),
    status: String(described.status ?? 'RUNNING'),
    total: n(counts.total),
    succeeded: n(counts.succeeded),
    failed: n(counts.failed) + n(counts.timedOut),
    aborted: n(counts.aborted),
    running: n(counts.running),
    startDate: epochSeconds(described.startDate),
    stopDate: epochSeconds(described.stopDate),
  };
}

/** Every map run of the execution, described. */
export async function readMapRuns(endpoint: string, executionArn: string): Promise<MapRunSummary[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAwsJson<{ mapRuns?: { mapRunArn: string }[]; nextToken?: string }>(
      endpoint,
      'AWSStepFunctions.ListMapRuns',
      { executionArn, ...(nextToken ? { nextToken } : {}) },
    );
    arns.push(...(page.mapRuns ?? []).map((r) => r.mapRunArn));
    nextToken = page.nextToken;
  } while (nextToken);
  return Promise.all(
    arns.map(async (mapRunArn) =>
      summarizeMapRun(await callAwsJson(endpoint, 'AWSStepFunctions.DescribeMapRun', { mapRunArn })),
    ),
  );
}

/** Items that have ended, whichever way. */
function doneOf(run: MapRunSummary): number {
  return run.succeeded + run.failed + run.aborted;
}

/** Seconds the run has taken so far (or took), by the server's clock when it has ended. */
function elapsedOf(run: MapRunSummary, nowSeconds: number): number | undefined {
  if (run.startDate === undefined) return undefined;
  return Math.max(0, (run.stopDate ?? nowSeconds) - run.startDate);
}

function formatRate(perSecond: number): string {
  return perSecond >= 10 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** The line printed when a run is over: `Stations SUCCEEDED: 500/500 items, 0 failed in 12.3 s (40/s)`. */
export function formatMapRunLine(run: MapRunSummary, nowSeconds = Date.now() / 1000): string {
  const ok = run.status === 'SUCCEEDED';
  const status = ok
    ? colors.green(run.status)
    : run.status === 'RUNNING'
      ? run.status
      : colors.red(run.status);
  const failed = run.failed ? colors.red(`${run.failed} failed`) : '0 failed';
  const aborted = run.aborted ? `, ${run.aborted} aborted` : '';
  const elapsed = elapsedOf(run, nowSeconds);
  const timing =
    elapsed === undefined
      ? ''
      : ` in ${formatDuration(elapsed)}` +
        (elapsed > 0 ? ` (${formatRate(doneOf(run) / elapsed)} items/s)` : '');
  return `${colors.bold(run.label)} map run ${status}: ${doneOf(run)}/${run.total} items, ${failed}${aborted}${timing}`;
}

/**
 * The one-line progress of a running map run, for `eddy tail`:
 * `Stations ▕██████░░░░░░▏ 120/500 items 24% · 2 failed · 40/s · ETA 9.5 s`.
 */
export function formatMapRunProgress(run: MapRunSummary, nowSeconds = Date.now() / 1000): string {
  const done = doneOf(run);
  const width = 12;
  const filled = run.total > 0 ? Math.round((done / run.total) * width) : 0;
  const bar = `▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏`;
  const percent = run.total > 0 ? Math.floor((done / run.total) * 100) : 0;
  const parts = [`${colors.bold(run.label)} ${bar} ${done}/${run.total} items ${percent}%`];
  if (run.failed) parts.push(colors.red(`${run.failed} failed`));
  const elapsed = elapsedOf(run, nowSeconds);
  if (run.status !== 'RUNNING')
    parts.push(run.status === 'SUCCEEDED' ? colors.green(run.status) : colors.red(run.status));
  else if (elapsed && done > 0) {
    const rate = done / elapsed;
    parts.push(`${formatRate(rate)}/s`, `ETA ${formatDuration((run.total - done) / rate)}`);
  }
  return parts.join(' · ');
}

/** Live display of an execution's map runs. */
export interface MapRunDisplay {
  /** False when it draws nothing, so callers need not poll for it. */
  readonly live: boolean;
  update(runs: MapRunSummary[]): void;
  stop(): void;
}

/** Nothing to draw (not a terminal, or --json): the same calls, no output. */
class NoMapRunDisplay implements MapRunDisplay {
  readonly live = false;
  update(): void {}
  stop(): void {}
}

/** One cli-progress bar per map run, added as runs appear. */
class MapRunBars implements MapRunDisplay {
  readonly live = true;
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly multi: cliProgress.MultiBar;

  constructor(stream: NodeJS.WriteStream) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: `{label} ${colors.cyan('{bar}')} {value}/{total} items | {failed} failed | {rate}/s | ETA {etaText}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        fps: 8,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(runs: MapRunSummary[]): void {
    const now = Date.now() / 1000;
    const width = Math.max(0, ...runs.map((r) => r.label.length));
    for (const run of runs) {
      const elapsed = elapsedOf(run, now);
      const done = doneOf(run);
      // From the run's own rate since it started (cli-progress's ETA is Infinity before the first item).
      const rate = elapsed && done ? done / elapsed : 0;
      const payload = {
        label: run.label.padEnd(width),
        failed: run.failed,
        rate: formatRate(rate),
        etaText: run.status !== 'RUNNING' ? '0 s' : rate ? formatDuration((run.total - done) / rate) : '-',
      };
      const bar = this.bars.get(run.mapRunArn);
      if (!bar) this.bars.set(run.mapRunArn, this.multi.create(run.total, done, payload));
      else {
        bar.setTotal(run.total);
        bar.update(done, payload);
      }
    }
  }

  stop(): void {
    this.multi.stop();
  }
}

/** Live bars on `stream` when it is a terminal; otherwise a display that draws nothing. */
export function createMapRunDisplay(stream: NodeJS.WriteStream, enabled: boolean): MapRunDisplay {
  return enabled && stream.isTTY ? new MapRunBars(stream) : new NoMapRunDisplay();
}
