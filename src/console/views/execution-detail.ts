/// <reference lib="dom" />
// One execution's details: its summary (status, input, output or failure), the history table, the panel
// of the state clicked in the graph, and the table of its Distributed Map runs with their item counts.
import { awsCall } from '../api.js';
import { clock, h, replace } from '../dom.js';
import { historyData, historyDetail, type HistoryEvent } from '../execution-status.js';
import { countLine, type MapRunView } from '../map-runs.js';
import type { StateRun } from '../state-runs.js';

/** DescribeExecution's answer, the parts shown. */
export interface ExecutionSummary {
  name: string;
  status: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** Loads an execution's summary and its whole history (pages of 1,000 events). */
export async function loadExecution(
  executionArn: string,
): Promise<{ summary: ExecutionSummary; history: HistoryEvent[] }> {
  const summary = await awsCall<ExecutionSummary>('AWSStepFunctions.DescribeExecution', { executionArn });
  const history: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall<{ events: HistoryEvent[]; nextToken?: string }>(
      'AWSStepFunctions.GetExecutionHistory',
      { executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) },
    );
    history.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken && history.length < 25_000);
  return { summary, history };
}

/** JSON text pretty-printed when it parses. */
function pretty(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const labelled = (label: string, value: string | undefined, cls = '') =>
  value === undefined
    ? null
    : h('div', { class: 'io' }, h('h3', {}, label), h('pre', { class: `json ${cls}` }, pretty(value)));

/** The execution's status, input and output or failure. */
export function renderSummary(box: HTMLElement, s: ExecutionSummary): void {
  replace(
    box,
    h('h2', {}, `${s.name} · `, h('span', { class: `status status-${s.status.toLowerCase()}` }, s.status)),
    h(
      'div',
      { class: 'io-grid' },
      labelled('input', s.input),
      labelled('output', s.output),
      s.error !== undefined ? labelled('error', `${s.error}${s.cause ? `: ${s.cause}` : ''}`, 'error') : null,
    ),
  );
}

/** The panel of one state: its input, output, error and attempts. */
export function renderStatePanel(box: HTMLElement, name: string, run: StateRun | undefined): void {
  if (!run) {
    replace(box, h('h2', {}, name), h('p', { class: 'muted' }, 'Not entered in this execution.'));
    return;
  }
  replace(
    box,
    h('h2', {}, name),
    h(
      'p',
      { class: 'muted' },
      `${run.type} · entered ${run.entered}×${run.attempts ? ` · ${run.attempts} attempt${run.attempts > 1 ? 's' : ''}` : ''}`,
    ),
    labelled('input', run.input),
    labelled('output', run.output),
    run.error !== undefined
      ? labelled('error', `${run.error}${run.cause ? `: ${run.cause}` : ''}`, 'error')
      : null,
  );
}

/** The history table, every event with its details and data. */
export function renderHistory(box: HTMLElement, events: HistoryEvent[]): void {
  replace(
    box,
    h('h2', {}, 'History'),
    h(
      'table',
      { class: 'history' },
      h('tr', {}, ...['id', 'time', 'type', 'details', 'data'].map((t) => h('th', {}, t))),
      ...events.map((e) =>
        h(
          'tr',
          { class: /Failed|TimedOut|Aborted/.test(e.type) ? 'status-failed' : '' },
          h('td', {}, e.id),
          h(
            'td',
            {},
            clock(new Date(typeof e.timestamp === 'number' ? e.timestamp * 1000 : e.timestamp).toISOString()),
          ),
          h('td', {}, e.type),
          h('td', {}, historyDetail(e)),
          h('td', {}, h('code', {}, historyData(e) ?? '')),
        ),
      ),
    ),
  );
}

/** The map runs table: one row per run with its status and item counts. */
export function renderMapRuns(box: HTMLElement, runs: MapRunView[], problem?: string): void {
  if (problem) {
    replace(
      box,
      h('h2', {}, 'Map runs'),
      h('p', { class: 'muted' }, `Map runs are not available: ${problem}`),
    );
    return;
  }
  if (runs.length === 0) {
    replace(box);
    return;
  }
  const cell = (run: MapRunView, key: keyof NonNullable<MapRunView['counts']>) =>
    h('td', { class: `num ${key}` }, run.counts && !Number.isNaN(run.counts[key]) ? run.counts[key] : '–');
  replace(
    box,
    h('h2', {}, 'Map runs'),
    h(
      'table',
      { class: 'map-runs' },
      h(
        'tr',
        {},
        ...['state', 'status', 'pending', 'running', 'succeeded', 'failed', 'total', ''].map((t) =>
          h('th', {}, t),
        ),
      ),
      ...runs.map((run) =>
        h(
          'tr',
          { 'data-state': run.state, title: run.mapRunArn },
          h('td', {}, run.state),
          h('td', { class: `status status-${run.status.toLowerCase()}` }, run.status),
          cell(run, 'pending'),
          cell(run, 'running'),
          cell(run, 'succeeded'),
          cell(run, 'failed'),
          cell(run, 'total'),
          h(
            'td',
            { class: 'muted' },
            run.problem
              ? `DescribeMapRun: ${run.problem} (status and total from the history)`
              : countLine(run),
          ),
        ),
      ),
    ),
  );
}
