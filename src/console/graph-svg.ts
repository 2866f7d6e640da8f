/// <reference lib="dom" />
// Draws a laid-out graph as SVG: boxes with a title and a second line, and curved edges with arrows.
import { svg } from './dom.js';
import type { Layout } from './layout.js';

/** One box to draw. */
export interface BoxSpec {
  id: string;
  title: string;
  kind: string;
  /** Extra CSS class (a status colour). */
  status?: string;
}

/** One edge to draw. */
export interface EdgeSpec {
  from: string;
  to: string;
  dashed?: boolean;
  label?: string;
}

/** The drawn SVG and, per node id, the element holding its second line (for live updates). */
export interface DrawnGraph {
  element: SVGElement;
  lines: Map<string, SVGElement>;
  boxes: Map<string, SVGElement>;
}

function edgePath(layout: Layout, e: EdgeSpec, direction: 'right' | 'down'): string | undefined {
  const a = layout.nodes.get(e.from);
  const b = layout.nodes.get(e.to);
  if (!a || !b) return undefined;
  if (direction === 'right') {
    const [x1, y1, x2, y2] = [a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2];
    const bend = Math.max(30, Math.abs(x2 - x1) / 2);
    return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  }
  const [x1, y1, x2, y2] = [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y];
  const bend = Math.max(20, Math.abs(y2 - y1) / 2);
  return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
}

/** Renders boxes and edges at the layout's positions. */
export function drawGraph(
  layout: Layout,
  boxes: BoxSpec[],
  edges: EdgeSpec[],
  direction: 'right' | 'down' = 'right',
): DrawnGraph {
  const root = svg('svg', {
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    class: 'graph',
  });
  root.appendChild(
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 10,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto',
        },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }),
      ),
    ),
  );
  for (const e of edges) {
    const d = edgePath(layout, e, direction);
    if (!d) continue;
    root.appendChild(
      svg(
        'path',
        { d, class: `edge${e.dashed ? ' dashed' : ''}`, 'marker-end': 'url(#arrow)' },
        svg('title', {}, e.label ?? ''),
      ),
    );
  }
  const lines = new Map<string, SVGElement>();
  const drawn = new Map<string, SVGElement>();
  for (const box of boxes) {
    const p = layout.nodes.get(box.id);
    if (!p) continue;
    const line = svg('text', { x: 10, y: 38, class: 'count' });
    const group = svg(
      'g',
      {
        transform: `translate(${p.x},${p.y})`,
        class: `node kind-${box.kind}${box.status ? ` status-${box.status}` : ''}`,
        'data-id': box.id,
        tabindex: 0,
      },
      svg('rect', { width: p.width, height: p.height, rx: 6 }),
      svg('text', { x: 10, y: 14, class: 'kind' }, box.kind),
      svg('text', { x: 10, y: 27, class: 'title' }, truncate(box.title, Math.floor(p.width / 7))),
      line,
      svg('title', {}, box.id),
    );
    root.appendChild(group);
    lines.set(box.id, line);
    drawn.set(box.id, group);
  }
  return { element: root, lines, boxes: drawn };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
