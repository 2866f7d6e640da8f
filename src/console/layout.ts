// Layered (Sugiyama) layout of the architecture and state machine graphs by dagre: it ranks the nodes,
// orders each rank to reduce crossings, places them, and routes every edge (loops and long edges too)
// as a polyline that stays clear of the boxes. This module only adapts eddy's shapes to dagre's.
import dagre from '@dagrejs/dagre';

/** A node to place, with its size. */
export interface LayoutInput {
  id: string;
  width: number;
  height: number;
}

/** An edge between two node ids. */
export interface LayoutEdge {
  from: string;
  to: string;
}

/** A placed node: its top-left corner and its rank (0 for the sources). */
export interface Placed extends LayoutInput {
  x: number;
  y: number;
  rank: number;
}

/** A point of an edge's route. */
export interface Point {
  x: number;
  y: number;
}

/** The result: placed nodes, each input edge's route (same order; empty when it was dropped). */
export interface Layout {
  nodes: Map<string, Placed>;
  routes: Point[][];
  width: number;
  height: number;
}

/** Direction and spacing. */
export interface LayoutOptions {
  direction?: 'right' | 'down';
  /** Space between ranks. */
  gapMain?: number;
  /** Space between nodes of one rank. */
  gapCross?: number;
  margin?: number;
}

/** Lays out a directed graph in ranks along `direction`; edges naming unknown nodes are dropped. */
export function layeredLayout(
  nodes: LayoutInput[],
  edges: LayoutEdge[],
  options: LayoutOptions = {},
): Layout {
  const { direction = 'right', gapMain = 70, gapCross = 22, margin = 20 } = options;
  // A multigraph: a Choice may reach one state by a rule and by its Default; both edges are drawn.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: direction === 'right' ? 'LR' : 'TB',
    ranksep: gapMain,
    nodesep: gapCross,
    edgesep: 12,
    marginx: margin,
    marginy: margin,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  edges.forEach((e, i) => {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to, {}, String(i));
  });
  dagre.layout(g);
  const placed = new Map<string, Placed>();
  const centres = nodes.map((n) => g.node(n.id)).map((p) => (direction === 'right' ? p.x : p.y));
  const ranks = [...new Set(centres.map((c) => Math.round(c)))].sort((a, b) => a - b);
  nodes.forEach((n, i) => {
    const p = g.node(n.id);
    placed.set(n.id, {
      ...n,
      x: p.x - n.width / 2,
      y: p.y - n.height / 2,
      rank: ranks.indexOf(Math.round(centres[i])),
    });
  });
  const right = direction === 'right';
  const routes = edges.map((e, i) => {
    const label = g.hasNode(e.from) && g.hasNode(e.to) ? g.edge(e.from, e.to, String(i)) : undefined;
    const points = (label?.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    const [a, b] = [placed.get(e.from), placed.get(e.to)];
    // dagre starts an edge where the line to its first bend leaves the box (often its top or bottom);
    // a forward edge reads better leaving the box's far side and entering the next box's near side.
    if (a && b && b.rank > a.rank && points.length >= 2) {
      points[0] = right
        ? { x: a.x + a.width, y: a.y + a.height / 2 }
        : { x: a.x + a.width / 2, y: a.y + a.height };
      points[points.length - 1] = right
        ? { x: b.x, y: b.y + b.height / 2 }
        : { x: b.x + b.width / 2, y: b.y };
    }
    return points;
  });
  const size = g.graph();
  return { nodes: placed, routes, width: size.width ?? 0, height: size.height ?? 0 };
}
