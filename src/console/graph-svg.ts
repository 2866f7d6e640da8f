/// <reference lib="dom" />
// Draws a laid-out graph as SVG: boxes with a title and a second line, and edges along the layout's
// routes with arrows.
import { svg } from './dom.js';
import type { Layout, Point } from './layout.js';

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

/**
 * A smooth path through dagre's route: straight from the first point, a quadratic curve around each
 * bend (through the midpoints between bends), straight into the last point where the arrow sits.
 */
export function routePath(points: Point[]): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [p, q] = [points[i], points[i + 1]];
    const mid = i === points.length - 2 ? q : { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    d += ` Q${f(p.x)},${f(p.y)} ${f(mid.x)},${f(mid.y)}`;
  }
  if (points.length === 2) d += ` L${f(points[1].x)},${f(points[1].y)}`;
  return d;
}

/** Renders boxes and edges at the layout's positions. */
export function drawGraph(layout: Layout, boxes: BoxSpec[], edges: EdgeSpec[]): DrawnGraph {
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
  edges.forEach((e, i) => {
    const route = layout.routes[i];
    if (!route || route.length < 2) return;
    const d = routePath(route);
    root.appendChild(
      svg(
        'path',
        { d, class: `edge${e.dashed ? ' dashed' : ''}`, 'marker-end': 'url(#arrow)' },
        svg('title', {}, e.label ?? ''),
      ),
    );
  });
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
