// A small layered layout (Sugiyama-style: longest-path layers, barycenter ordering) for the architecture
// and state machine graphs. A library such as elkjs or dagre would route edges better; this keeps the
// bundle small and has no dependency.

/** A node to place, with its size. */
export interface LayoutInput {
  id: string;
  width: number;
  height: number;
}

/** A placed node: its top-left corner. */
export interface Placed extends LayoutInput {
  x: number;
  y: number;
  layer: number;
}

/** The result: placed nodes and the drawing's size. */
export interface Layout {
  nodes: Map<string, Placed>;
  /** The bends of edges spanning several layers, keyed by `edgeKey(from, to)`. */
  routes: Map<string, Point[]>;
  width: number;
  height: number;
}

/** Spacing options. */
export interface LayoutOptions {
  direction?: 'right' | 'down';
  gapMain?: number;
  gapCross?: number;
  margin?: number;
}

/** Assigns each node the length of the longest path reaching it, ignoring edges that close a cycle. */
export function assignLayers(ids: string[], edges: { from: string; to: string }[]): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const id of ids) out.set(id, []);
  for (const e of edges) if (out.has(e.from) && out.has(e.to) && e.from !== e.to) out.get(e.from)!.push(e.to);
  // Depth-first search marks back edges (cycles: Choice loops, retry paths) so the rest is acyclic.
  const state = new Map<string, 1 | 2>();
  const forward = new Map<string, string[]>(ids.map((id) => [id, []]));
  const visit = (id: string) => {
    state.set(id, 1);
    for (const next of out.get(id)!) {
      if (state.get(next) === 1) continue;
      forward.get(id)!.push(next);
      if (!state.has(next)) visit(next);
    }
    state.set(id, 2);
  };
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const e of edges)
    if (indegree.has(e.to) && out.has(e.from)) indegree.set(e.to, indegree.get(e.to)! + 1);
  for (const id of ids) if (indegree.get(id) === 0 && !state.has(id)) visit(id);
  for (const id of ids) if (!state.has(id)) visit(id);
  const layer = new Map<string, number>();
  const order: string[] = [];
  const seen = new Set<string>();
  const topo = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of forward.get(id)!) topo(next);
    order.push(id);
  };
  ids.forEach(topo);
  order.reverse();
  for (const id of order) layer.set(id, layer.get(id) ?? 0);
  for (const id of order)
    for (const next of forward.get(id)!) layer.set(next, Math.max(layer.get(next)!, layer.get(id)! + 1));
  return layer;
}

/** A point of an edge's route (the centre of a virtual node it passes through). */
export interface Point {
  x: number;
  y: number;
}

/** The key of an edge in `Layout.routes`. */
export function edgeKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/**
 * Lays out a graph in layers. An edge spanning several layers passes through one small virtual node per
 * layer in between (so it bends around the boxes instead of crossing them); within a layer, nodes sit
 * near the mean position of their neighbours, and each layer is centred.
 */
export function layeredLayout(
  nodes: LayoutInput[],
  edges: { from: string; to: string }[],
  options: LayoutOptions = {},
): Layout {
  const { direction = 'right', gapMain = 70, gapCross = 22, margin = 20 } = options;
  const right = direction === 'right';
  const layerOf = assignLayers(
    nodes.map((n) => n.id),
    edges,
  );
  const all: LayoutInput[] = [...nodes];
  const chains: { key: string; ids: string[] }[] = [];
  const links: { from: string; to: string }[] = [];
  edges.forEach((e, index) => {
    const [a, b] = [layerOf.get(e.from), layerOf.get(e.to)];
    if (a === undefined || b === undefined) return;
    if (b - a <= 1) {
      links.push(e);
      return;
    }
    const ids: string[] = [];
    for (let layer = a + 1; layer < b; layer++) {
      const id = `\u0000v${index}:${layer}`;
      layerOf.set(id, layer);
      all.push({ id, width: right ? 10 : 10, height: 10 });
      ids.push(id);
    }
    [e.from, ...ids, e.to]
      .slice(1)
      .forEach((to, i, rest) => links.push({ from: i === 0 ? e.from : rest[i - 1], to }));
    chains.push({ key: edgeKey(e.from, e.to), ids });
  });
  const layers: LayoutInput[][] = [];
  for (const n of all) (layers[layerOf.get(n.id)!] ??= []).push(n);
  const rank = new Map<string, number>();
  const rerank = () => layers.forEach((layer) => layer.forEach((n, i) => rank.set(n.id, i)));
  rerank();
  const ups = new Map<string, string[]>();
  const downs = new Map<string, string[]>();
  for (const l of links) {
    ups.set(l.to, [...(ups.get(l.to) ?? []), l.from]);
    downs.set(l.from, [...(downs.get(l.from) ?? []), l.to]);
  }
  for (let sweep = 0; sweep < 6; sweep++) {
    const up = sweep % 2 === 0;
    for (const layer of up ? layers.slice(1) : layers.slice(0, -1).reverse()) {
      const key = new Map<string, number>();
      for (const n of layer) {
        const ranks = ((up ? ups : downs).get(n.id) ?? []).map((id) => rank.get(id)!);
        key.set(n.id, ranks.length ? ranks.reduce((x, y) => x + y, 0) / ranks.length : rank.get(n.id)!);
      }
      layer.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
      rerank();
    }
  }
  const crossSize = (n: LayoutInput) => (right ? n.height : n.width);
  const extents = layers.map(
    (layer) => layer.reduce((sum, n) => sum + crossSize(n), 0) + gapCross * (layer.length - 1),
  );
  const widest = Math.max(0, ...extents);
  const placed = new Map<string, Placed>();
  let main = margin;
  layers.forEach((layer, index) => {
    const thickness = Math.max(...layer.map((n) => (right ? n.width : n.height)));
    let cross = margin + (widest - extents[index]) / 2;
    for (const n of layer) {
      // Virtual nodes sit in the middle of the layer's thickness.
      const offset = (thickness - (right ? n.width : n.height)) / 2;
      const [x, y] = right ? [main + offset, cross] : [cross, main + offset];
      placed.set(n.id, { ...n, x, y, layer: index });
      cross += crossSize(n) + gapCross;
    }
    main += thickness + gapMain;
  });
  const routes = new Map<string, Point[]>();
  for (const chain of chains)
    routes.set(
      chain.key,
      chain.ids.map((id) => {
        const p = placed.get(id)!;
        placed.delete(id);
        return { x: p.x + p.width / 2, y: p.y + p.height / 2 };
      }),
    );
  const mainSize = Math.max(0, main - gapMain + margin);
  const crossTotal = widest + 2 * margin;
  return {
    nodes: placed,
    routes,
    width: right ? mainSize : crossTotal,
    height: right ? crossTotal : mainSize,
  };
}
