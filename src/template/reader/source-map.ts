// Where each node of a parsed template came from. Parsed values are plain JS (so intrinsics and SAM
// expansion work on ordinary objects); positions live beside them, keyed by the containing object.
import type { SourcePosition } from '../model.js';

interface ChildPositions {
  key?: SourcePosition;
  value: SourcePosition;
}

/** Positions of objects, arrays and their children (map keys, map values, array items). */
export class SourceMap {
  private readonly nodes = new WeakMap<object, SourcePosition>();
  private readonly children = new WeakMap<object, Map<string | number, ChildPositions>>();

  /** Record where an object or array starts. */
  setNode(node: object, position: SourcePosition): void {
    if (!this.nodes.has(node)) this.nodes.set(node, position);
  }

  /** Record where a child (map entry or array item) of `parent` is. */
  setChild(parent: object, key: string | number, positions: ChildPositions): void {
    let map = this.children.get(parent);
    if (!map) this.children.set(parent, (map = new Map()));
    map.set(key, positions);
  }

  /** Where an object or array starts. */
  node(node: unknown): SourcePosition | undefined {
    return typeof node === 'object' && node !== null ? this.nodes.get(node) : undefined;
  }

  /** Where the key `key` of map `parent` is (falls back to the value, then the parent). */
  key(parent: unknown, key: string | number): SourcePosition | undefined {
    const child = this.child(parent, key);
    return child?.key ?? child?.value ?? this.node(parent);
  }

  /** Where the value at `parent[key]` is (falls back to the parent). */
  value(parent: unknown, key: string | number): SourcePosition | undefined {
    return this.child(parent, key)?.value ?? this.node(parent);
  }

  /** Copy the positions of `from` (and its children) onto a new object built from it. */
  copy(from: unknown, to: object): void {
    if (typeof from !== 'object' || from === null) return;
    const position = this.nodes.get(from);
    if (position) this.setNode(to, position);
    const children = this.children.get(from);
    if (children && !this.children.has(to)) this.children.set(to, new Map(children));
  }

  /** The position at a path of keys below `root` (the deepest one known). */
  at(root: unknown, path: readonly (string | number)[]): SourcePosition | undefined {
    let node = root;
    let best = this.node(root);
    for (const segment of path) {
      if (typeof node !== 'object' || node === null) break;
      best = this.key(node, segment) ?? best;
      node = (node as Record<string | number, unknown>)[segment];
    }
    return best;
  }

  private child(parent: unknown, key: string | number): ChildPositions | undefined {
    return typeof parent === 'object' && parent !== null ? this.children.get(parent)?.get(key) : undefined;
  }
}
