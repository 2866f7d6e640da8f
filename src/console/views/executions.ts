/// <reference lib="dom" />
// The executions view: a state machine drawn as a graph, its executions, and for the one selected the
// states coloured by status, its input and output, the history table, the panel of the state clicked
// and its map runs with item counts (all through the Step Functions API), refreshed as it runs.
import { awsCall } from '../api.js';
import { aslGraph } from '../asl.js';
import { h, replace } from '../dom.js';
import { stateStatuses } from '../execution-status.js';
import { drawGraph, type DrawnGraph } from '../graph-svg.js';
import { layeredLayout } from '../layout.js';
import type { Live } from '../live.js';
import { countLine, loadMapRuns, mapRunFromRecord, upsertMapRun, type MapRunView } from '../map-runs.js';
import { stateRuns, type StateRun } from '../state-runs.js';
import {
  loadExecution,
  renderHistory,
  renderMapRuns,
  renderStatePanel,
  renderSummary,
} from './execution-detail.js';

interface ExecutionItem {
  executionArn: string;
  name: string;
  status: string;
}

/** Mounts the view for state machine `arn` (first one when empty) and execution `exec` if given. */
export function executionsView(root: HTMLElement, live: Live, arn?: string, exec?: string): () => void {
  const machines = live.app.stateMachines;
  const machine = machines.find((m) => m.arn === arn) ?? machines[0];
  if (!machine) {
    replace(
      root,
      h('h1', {}, 'Executions'),
      h('p', { class: 'muted' }, 'The template has no state machines.'),
    );
    return () => undefined;
  }
  const picker = h(
    'nav',
    { class: 'tabs' },
    ...machines.map((m) =>
      h(
        'a',
        { href: `#/executions/${encodeURIComponent(m.arn)}`, class: m === machine ? 'active' : '' },
        m.logicalId,
      ),
    ),
  );
  const graphBox = h('div', { class: 'canvas', id: 'execution-graph' });
  const list = h('div', { class: 'exec-list' });
  const panel = h('aside', { class: 'side', id: 'state-panel' });
  const summary = h('div', { id: 'execution-summary' });
  const mapRunsBox = h('div', { id: 'map-runs' });
  const history = h('div', { id: 'history' });
  replace(
    root,
    h('h1', {}, 'Executions'),
    picker,
    summary,
    h('div', { class: 'split' }, graphBox, h('div', {}, panel, list)),
    mapRunsBox,
    history,
  );
  const graph = aslGraph(machine.definition);
  const layout = layeredLayout(
    graph.states.map((s) => ({ id: s.id, width: 170, height: 46 })),
    graph.edges,
    { direction: 'down', gapMain: 40 },
  );
  let drawn: DrawnGraph;
  let runs = new Map<string, StateRun>();
  let mapRuns: MapRunView[] = [];
  let selected: string | undefined;
  /** Writes each Map state's latest run counts into its box. */
  const drawCounts = () => {
    for (const s of graph.states) {
      const run = mapRuns.filter((r) => r.state === s.name).pop();
      if (run) drawn.lines.get(s.id)!.textContent = countLine(run);
    }
  };
  const draw = (statuses: Map<string, string>) => {
    drawn = drawGraph(
      layout,
      graph.states.map((s) => ({ id: s.id, title: s.name, kind: s.type, status: statuses.get(s.name) })),
      graph.edges.map((e) => ({ ...e, dashed: e.label === 'catch' })),
    );
    drawCounts();
    replace(graphBox, drawn.element);
  };
  draw(new Map());
  graphBox.addEventListener('click', (e) => {
    const id = (e.target as Element).closest('[data-id]')?.getAttribute('data-id');
    const state = graph.states.find((s) => s.id === id);
    if (!state || !exec) return;
    selected = state.name;
    renderStatePanel(panel, state.name, runs.get(state.name));
  });
  if (exec) replace(panel, h('p', { class: 'muted' }, 'Select a state to see its input and output.'));
  const loadList = async () => {
    try {
      const out = await awsCall<{ executions: ExecutionItem[] }>('AWSStepFunctions.ListExecutions', {
        stateMachineArn: machine.arn,
        maxResults: 100,
      });
      replace(
        list,
        h('h2', {}, 'Executions'),
        ...out.executions.map((e) =>
          h(
            'a',
            {
              class: `row exec status-${e.status.toLowerCase()}${e.executionArn === exec ? ' active' : ''}`,
              href: `#/executions/${encodeURIComponent(machine.arn)}/${encodeURIComponent(e.executionArn)}`,
            },
            `${e.name} · ${e.status}`,
          ),
        ),
      );
    } catch (error) {
      replace(list, h('p', { class: 'muted' }, `Executions are not available: ${(error as Error).message}`));
    }
  };
  const loadDetail = async () => {
    if (!exec) return;
    try {
      const loaded = await loadExecution(exec);
      runs = stateRuns(loaded.history);
      renderSummary(summary, loaded.summary);
      renderHistory(history, loaded.history);
      if (selected) renderStatePanel(panel, selected, runs.get(selected));
      let problem: string | undefined;
      if (graph.states.some((s) => s.type === 'Map'))
        mapRuns = await loadMapRuns(exec, loaded.history).catch(
          (error: Error) => ((problem = error.message), []),
        );
      renderMapRuns(mapRunsBox, mapRuns, problem);
      draw(stateStatuses(loaded.history));
    } catch (error) {
      replace(history, h('p', { class: 'error' }, (error as Error).message));
    }
  };
  // Refreshes at most every 300 ms however many records arrive, and never two loads at once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading: Promise<unknown> = Promise.resolve();
  const refreshSoon = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      loading = loading.then(() => Promise.all([loadList(), loadDetail()]));
    }, 300);
  };
  loading = Promise.all([loadList(), loadDetail()]);
  const unsubscribe = live.subscribe((batch) => {
    let changed = false;
    for (const r of batch) {
      if ((r.kind === 'execution' || r.kind === 'state') && r.payload.stateMachineArn === machine.arn)
        changed = true;
      // Map run progress: the counts are in the record, so the table and the box update without a load.
      const run = r.kind === 'map-run' && r.payload.executionArn === exec && mapRunFromRecord(r.payload);
      if (run) {
        mapRuns = upsertMapRun(mapRuns, run);
        renderMapRuns(mapRunsBox, mapRuns);
        drawCounts();
      }
    }
    if (changed) refreshSoon();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
