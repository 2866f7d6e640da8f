import { describe, expect, it } from 'vitest';
import { assignLayers, edgeKey, layeredLayout } from '../../../src/console/layout.js';

const box = (id: string) => ({ id, width: 100, height: 40 });

describe('assignLayers', () => {
  it('puts each node one layer after its deepest predecessor', () => {
    const layers = assignLayers(
      ['a', 'b', 'c', 'd'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
        { from: 'd', to: 'c' },
      ],
    );
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('breaks cycles instead of looping', () => {
    const layers = assignLayers(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'b' },
      ],
    );
    expect(layers.get('a')).toBe(0);
    expect(layers.get('b')).toBe(1);
    expect(layers.get('c')).toBe(2);
  });
});

describe('layeredLayout', () => {
  it('places layers left to right without overlapping boxes', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map(box);
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
      { from: 'c', to: 'e' },
    ];
    const layout = layeredLayout(nodes, edges);
    const p = (id: string) => layout.nodes.get(id)!;
    expect(p('b').x).toBeGreaterThan(p('a').x + 100);
    expect(p('d').x).toBeGreaterThan(p('b').x + 100);
    expect(Math.abs(p('b').y - p('c').y)).toBeGreaterThanOrEqual(40);
    for (const n of nodes) {
      expect(p(n.id).x + 100).toBeLessThanOrEqual(layout.width);
      expect(p(n.id).y + 40).toBeLessThanOrEqual(layout.height);
    }
  });

  it('routes a long edge through the layers between, clear of the boxes there', () => {
    const nodes = ['a', 'b', 'c', 'd'].map(box);
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'a', to: 'd' },
    ];
    const layout = layeredLayout(nodes, edges);
    const route = layout.routes.get(edgeKey('a', 'd'))!;
    expect(route).toHaveLength(2);
    for (const point of route) {
      for (const id of ['b', 'c']) {
        const n = layout.nodes.get(id)!;
        const inside =
          point.x >= n.x && point.x <= n.x + n.width && point.y >= n.y && point.y <= n.y + n.height;
        expect(inside).toBe(false);
      }
    }
    expect([...layout.nodes.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders a layer to follow its parents, avoiding crossings', () => {
    const nodes = ['p1', 'p2', 'c2', 'c1'].map(box);
    const edges = [
      { from: 'p1', to: 'c1' },
      { from: 'p2', to: 'c2' },
    ];
    const layout = layeredLayout(nodes, edges);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(Math.sign(y('p1') - y('p2'))).toBe(Math.sign(y('c1') - y('c2')));
  });

  it('lays out top-down when asked', () => {
    const layout = layeredLayout(['a', 'b'].map(box), [{ from: 'a', to: 'b' }], { direction: 'down' });
    expect(layout.nodes.get('b')!.y).toBeGreaterThan(layout.nodes.get('a')!.y + 40);
    expect(layout.nodes.get('b')!.x).toBe(layout.nodes.get('a')!.x);
  });

  it('handles an empty graph', () => {
    expect(layeredLayout([], []).nodes.size).toBe(0);
  });
});
