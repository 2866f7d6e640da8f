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

/** Lays out a graph in layers; within a layer, nodes sit near the mean position of their neighbours. */
export function layeredLayout(
  nodes: LayoutInput[],
  edges: { from: string; to: string }[],
  options: LayoutOptions = {},
): Layout {
  const { direction = 'right', gapMain = 70, gapCross = 22, margin = 20 } = options;
  const layerOf = assignLayers(
    nodes.map((n) => n.id),
    edges,
  );
  const layers: LayoutInput[][] = [];
  for (const n of nodes) (layers[layerOf.get(n.id)!] ??= []).push(n);
  const rank = new Map<string, number>();
  const rerank = () => layers.forEach((layer) => layer.forEach((n, i) => rank.set(n.id, i)));
  rerank();
  const neighbours = (id: string, up: boolean) =>
    edges.filter((e) => (up ? e.to === id : e.from === id)).map((e) => rank.get(up ? e.from : e.to));
  for (let sweep = 0; sweep < 4; sweep++) {
    const up = sweep % 2 === 0;
    for (const layer of up ? layers.slice(1) : layers.slice(0, -1).reverse()) {
      const key = new Map<string, number>();
      for (const n of layer) {
        const ranks = neighbours(n.id, up).filter((r): r is number => r !== undefined);
        key.set(n.id, ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : rank.get(n.id)!);
      }
      layer.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
      rerank();
    }
  }
  const placed = new Map<string, Placed>();
  let main = margin;
  let crossMax = 0;
  layers.forEach((layer, index) => {
    const thickness = Math.max(...layer.map((n) => (direction === 'right' ? n.width : n.height)));
    let cross = margin;
    for (const n of layer) {
      const [x, y] = direction === 'right' ? [main, cross] : [cross, main];
      placed.set(n.id, { ...n, x, y, layer: index });
      cross += (direction === 'right' ? n.height : n.width) + gapCross;
    }
    crossMax = Math.max(crossMax, cross);
    main += thickness + gapMain;
  });
  const [width, height] =
    direction === 'right' ? [main - gapMain + margin, crossMax] : [crossMax, main - gapMain + margin];
  return { nodes: placed, width: Math.max(width, 0), height: Math.max(height, 0) };
}
