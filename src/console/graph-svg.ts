/// <reference lib="dom" />
// Draws a laid-out graph as SVG: boxes with a title and a second line, and curved edges with arrows.
import { svg } from './dom.js';
import { edgeKey, type Layout, type Point } from './layout.js';

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

/** A smooth path through points, leaving and entering each along the layout's direction. */
function smooth(points: Point[], direction: 'right' | 'down'): string {
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (direction === 'right') {
      const dx = Math.max(20, (b.x - a.x) / 2);
      d += ` C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
    } else {
      const dy = Math.max(16, (b.y - a.y) / 2);
      d += ` C${a.x},${a.y + dy} ${b.x},${b.y - dy} ${b.x},${b.y}`;
    }
  }
  return d;
}

function edgePath(layout: Layout, e: EdgeSpec, direction: 'right' | 'down'): string | undefined {
  const a = layout.nodes.get(e.from);
  const b = layout.nodes.get(e.to);
  if (!a || !b) return undefined;
  const right = direction === 'right';
  if (b.layer <= a.layer) {
    // A back edge (a loop in a workflow, a cycle of queues): a bulge beside both boxes.
    if (right) {
      const [x1, y1, x2, y2] = [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y + b.height];
      return `M${x1},${y1} C${x1},${y1 + 40} ${x2},${y2 + 40} ${x2},${y2}`;
    }
    const [x1, y1, x2, y2] = [a.x + a.width, a.y + a.height / 2, b.x + b.width, b.y + b.height / 2];
    return `M${x1},${y1} C${x1 + 50},${y1} ${x2 + 50},${y2} ${x2},${y2}`;
  }
  const start = right
    ? { x: a.x + a.width, y: a.y + a.height / 2 }
    : { x: a.x + a.width / 2, y: a.y + a.height };
  const end = right ? { x: b.x, y: b.y + b.height / 2 } : { x: b.x + b.width / 2, y: b.y };
  return smooth([start, ...(layout.routes.get(edgeKey(e.from, e.to)) ?? []), end], direction);
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
      svg('text', { x: 10, y: 27, class: 'title' }, truncate(box.title, Math.floor((p.width - 16) / 7.5))),
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
