/// <reference lib="dom" />
// The executions view: a state machine drawn as a graph, its executions, and for the one selected the
// states coloured by status and the history table (through the Step Functions API when it is served).
import { awsCall } from '../api.js';
import { aslGraph } from '../asl.js';
import { clock, h, replace } from '../dom.js';
import { historyData, historyDetail, stateStatuses, type HistoryEvent } from '../execution-status.js';
import { drawGraph } from '../graph-svg.js';
import { layeredLayout } from '../layout.js';
import type { Live } from '../live.js';

interface ExecutionItem {
  executionArn: string;
  name: string;
  status: string;
  startDate: number | string;
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
  const history = h('div', { id: 'history' });
  replace(root, h('h1', {}, 'Executions'), picker, h('div', { class: 'split' }, graphBox, list), history);
  const graph = aslGraph(machine.definition);
  const draw = (statuses: Map<string, string>) => {
    const layout = layeredLayout(
      graph.states.map((s) => ({ id: s.id, width: 170, height: 46 })),
      graph.edges,
      { direction: 'down', gapMain: 40 },
    );
    const drawn = drawGraph(
      layout,
      graph.states.map((s) => ({ id: s.id, title: s.name, kind: s.type, status: statuses.get(s.name) })),
      graph.edges.map((e) => ({ ...e, dashed: e.label === 'catch' })),
    );
    replace(graphBox, drawn.element);
  };
  draw(new Map());
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
              class: `row exec status-${e.status.toLowerCase()}`,
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
  const loadHistory = async () => {
    if (!exec) return;
    try {
      const out = await awsCall<{ events: HistoryEvent[] }>('AWSStepFunctions.GetExecutionHistory', {
        executionArn: exec,
        maxResults: 1000,
      });
      draw(stateStatuses(out.events));
      replace(
        history,
        h('h2', {}, 'History'),
        h(
          'table',
          { class: 'history' },
          h('tr', {}, ...['id', 'time', 'type', 'details', 'data'].map((t) => h('th', {}, t))),
          ...out.events.map((e) =>
            h(
              'tr',
              { class: /Failed|TimedOut|Aborted/.test(e.type) ? 'status-failed' : '' },
              h('td', {}, e.id),
              h(
                'td',
                {},
                clock(
                  new Date(typeof e.timestamp === 'number' ? e.timestamp * 1000 : e.timestamp).toISOString(),
                ),
              ),
              h('td', {}, e.type),
              h('td', {}, historyDetail(e)),
              h('td', {}, h('code', {}, historyData(e) ?? '')),
            ),
          ),
        ),
      );
    } catch (error) {
      replace(history, h('p', { class: 'error' }, (error as Error).message));
    }
  };
  void loadList();
  void loadHistory();
  return live.subscribe((batch) => {
    if (!batch.some((r) => r.kind === 'execution' || r.kind === 'state')) return;
    void loadList();
    void loadHistory();
  });
}
