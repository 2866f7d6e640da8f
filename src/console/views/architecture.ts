/// <reference lib="dom" />
// The architecture view: the template's topology, laid out in layers, each node with live counters.
import { h, jsonBlock, replace } from '../dom.js';
import { drawGraph, type DrawnGraph } from '../graph-svg.js';
import { layeredLayout } from '../layout.js';
import { QueueDepths } from '../queue-depths.js';
import type { Live } from '../live.js';
import { buildTopology, type Topology, type TopologyNode } from '../topology.js';

const NODE_WIDTH = 190;
const NODE_HEIGHT = 46;

/** Mounts the view; returns its dispose function. */
export function architectureView(root: HTMLElement, live: Live): () => void {
  let topology: Topology;
  let drawn: DrawnGraph;
  let app = live.app;
  const canvas = h('div', { class: 'canvas', id: 'architecture' });
  const side = h('aside', { class: 'side' }, h('p', { class: 'muted' }, 'Select a node to see its details.'));
  replace(root, h('h1', {}, 'Architecture'), h('div', { class: 'split' }, canvas, side));

  const depths = new QueueDepths(
    () => live.app,
    () => refreshCounts(),
  );
  const refreshCounts = () => {
    for (const node of topology.nodes) {
      const summary = live.counters.summary(node.id, ...(node.aliases ?? []));
      const waiting = depths.waiting.get(node.id);
      const parts = [waiting ? `${waiting} waiting` : '', summary].filter(Boolean);
      drawn.lines.get(node.id)!.textContent = parts.join(' · ');
    }
  };
  const draw = () => {
    topology = buildTopology(app);
    const layout = layeredLayout(
      topology.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      topology.edges,
    );
    drawn = drawGraph(
      layout,
      topology.nodes.map((n) => ({ id: n.id, title: n.label, kind: n.kind })),
      topology.edges,
    );
    replace(canvas, drawn.element);
    if (topology.nodes.length === 0)
      canvas.append(h('p', { class: 'muted' }, 'The template has no resources.'));
    refreshCounts();
  };
  canvas.addEventListener('click', (e) => {
    const group = (e.target as Element).closest('[data-id]');
    const node = topology.nodes.find((n) => n.id === group?.getAttribute('data-id'));
    if (node) showDetails(side, node, live);
  });
  draw();
  void depths.refresh();
  const unsubscribe = live.subscribe((batch) => {
    if (batch.some((r) => r.kind === 'message')) depths.refreshSoon();
    if (live.app !== app) {
      app = live.app;
      draw();
      depths.refreshSoon();
    } else refreshCounts();
  });
  return () => {
    depths.dispose();
    unsubscribe();
  };
}

function findResource(live: Live, id: string): unknown {
  const app = live.app;
  const all = [
    ...app.buses,
    ...app.rules,
    ...app.archives,
    ...app.schedules,
    ...app.queues,
    ...app.functions,
    ...app.stateMachines,
    ...app.eventSourceMappings,
    ...app.pipes,
    ...app.buckets,
  ];
  return all.find((r) => r.arn === id);
}

function showDetails(side: HTMLElement, node: TopologyNode, live: Live): void {
  const links: HTMLElement[] = [];
  if (node.kind === 'bus')
    links.push(h('a', { href: `#/events?bus=${encodeURIComponent(node.label)}` }, 'Events on this bus'));
  if (node.kind === 'stateMachine')
    links.push(h('a', { href: `#/executions/${encodeURIComponent(node.id)}` }, 'Executions'));
  if (node.kind === 'queue') links.push(h('a', { href: '#/queues' }, 'Queues'));
  const resource = findResource(live, node.id);
  replace(
    side,
    h('h2', {}, node.label),
    h('p', { class: 'muted' }, node.kind),
    h('code', { class: 'arn' }, node.id),
    h('p', {}, live.counters.summary(node.id, ...(node.aliases ?? [])) || 'No activity yet.'),
    ...links.map((a) => h('p', {}, a)),
    resource ? jsonBlock(resource) : h('p', { class: 'muted' }, 'Not a resource of this template.'),
  );
}
