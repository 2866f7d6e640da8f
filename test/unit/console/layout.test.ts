import { describe, expect, it } from 'vitest';
import { layeredLayout, type Layout } from '../../../src/console/layout.js';
import { routePath } from '../../../src/console/graph-svg.js';

const box = (id: string) => ({ id, width: 100, height: 40 });

function overlaps(layout: Layout): string[] {
  const nodes = [...layout.nodes.values()];
  const found: string[] = [];
  for (const a of nodes)
    for (const b of nodes)
      if (
        a.id < b.id &&
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height
      )
        found.push(`${a.id}/${b.id}`);
  return found;
}

describe('layeredLayout (dagre)', () => {
  it('places ranks left to right without overlapping boxes, inside the drawing', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map(box);
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
      { from: 'c', to: 'e' },
    ];
    const layout = layeredLayout(nodes, edges);
    const p = (id: string) => layout.nodes.get(id)!;
    expect(p('b').x).toBeGreaterThanOrEqual(p('a').x + 100);
    expect(p('d').x).toBeGreaterThanOrEqual(p('b').x + 100);
    expect([p('a').rank, p('b').rank, p('c').rank, p('d').rank]).toEqual([0, 1, 1, 2]);
    expect(overlaps(layout)).toEqual([]);
    for (const n of nodes) {
      expect(p(n.id).x).toBeGreaterThanOrEqual(0);
      expect(p(n.id).x + 100).toBeLessThanOrEqual(layout.width);
      expect(p(n.id).y + 40).toBeLessThanOrEqual(layout.height);
    }
  });

  it('routes a long edge around the boxes of the ranks between', () => {
    const nodes = ['a', 'b', 'c', 'd'].map(box);
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'a', to: 'd' },
    ];
    const layout = layeredLayout(nodes, edges);
    const route = layout.routes[3];
    expect(route.length).toBeGreaterThanOrEqual(3);
    for (const point of route.slice(1, -1))
      for (const id of ['b', 'c']) {
        const n = layout.nodes.get(id)!;
        const inside = point.x > n.x && point.x < n.x + n.width && point.y > n.y && point.y < n.y + n.height;
        expect(inside).toBe(false);
      }
  });

  it('keeps parallel edges and loops (a Choice reaching one state twice, a retry loop)', () => {
    const nodes = ['choice', 'work', 'done'].map(box);
    const edges = [
      { from: 'choice', to: 'work' },
      { from: 'choice', to: 'work' },
      { from: 'work', to: 'choice' },
      { from: 'work', to: 'done' },
      { from: 'work', to: 'missing' },
    ];
    const layout = layeredLayout(nodes, edges, { direction: 'down' });
    expect(layout.routes.map((r) => r.length > 1)).toEqual([true, true, true, true, false]);
    expect(layout.routes[0]).not.toEqual(layout.routes[1]);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(y('work')).toBeGreaterThan(y('choice') + 40);
    expect(y('done')).toBeGreaterThan(y('work') + 40);
  });

  it('orders a rank to follow its parents, avoiding crossings', () => {
    const nodes = ['p1', 'p2', 'c2', 'c1'].map(box);
    const edges = [
      { from: 'p1', to: 'c1' },
      { from: 'p2', to: 'c2' },
    ];
    const layout = layeredLayout(nodes, edges);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(Math.sign(y('p1') - y('p2'))).toBe(Math.sign(y('c1') - y('c2')));
  });

  it('starts a forward edge on the far side of its box and ends it on the near side of the next', () => {
    const nodes = ['bus', 'other', 'r1', 'r2', 'r3'].map(box);
    const edges = ['r1', 'r2', 'r3'].map((to) => ({ from: 'bus', to }));
    const layout = layeredLayout(nodes, edges);
    const bus = layout.nodes.get('bus')!;
    edges.forEach((e, i) => {
      const route = layout.routes[i];
      const to = layout.nodes.get(e.to)!;
      expect(route[0]).toEqual({ x: bus.x + 100, y: bus.y + 20 });
      expect(route[route.length - 1]).toEqual({ x: to.x, y: to.y + 20 });
    });
  });

  it('handles an empty graph', () => {
    expect(layeredLayout([], []).nodes.size).toBe(0);
  });
});

describe('routePath', () => {
  it('starts and ends on the route, curving through the bends', () => {
    expect(
      routePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ]),
    ).toBe('M0,0 L10,0');
    expect(
      routePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 10 },
      ]),
    ).toBe('M0,0 Q10,0 10,5 Q10,10 20,10');
  });
});
