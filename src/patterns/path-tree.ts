// The event paths the rules reference, as a tree the event scanner walks key by key. A node exists for
// every referenced path (a field) and every dot-prefix of one; each node lists its children by plain
// key (no dot, not empty), so reading `{"properties":{"STREET":...}}` compares raw key text against a
// few expected keys instead of building "properties.STREET" and hashing it. Keys that are dotted,
// empty or escaped are resolved by their full path (`at`), which gives the same answer: a path is
// the parent path and the key joined by a dot, except below the root (`''`), where it is the key. So a
// top-level key `""` leads back to the root (the scanner reads its value as more of the event), and no
// leaf ever sits at path `''` (the reference matcher skips it): a field `''` is kept off the root.

/** One referenced path (a field, a prefix of one, or both). */
export class PathNode<I> {
  /** The field's index when a rule references this exact path. */
  index: I | undefined = undefined;
  /** How many referenced paths continue below this one (descend while > 0). */
  below = 0;
  /** Children by plain key, in parallel arrays for a short linear compare against event text. */
  keys: string[] = [];
  nodes: Array<PathNode<I>> = [];
  /** The same children by key, for nodes with many (a linear compare would cost more). */
  byKey: Map<string, PathNode<I>> | undefined = undefined;
  /** Referenced keys directly below, by the split of every field path (to stop reading early). */
  readonly referenced = new Map<string, number>();

  constructor(readonly path: string) {}

  /** How many distinct keys of this object rules look at. */
  get needed(): number {
    return this.referenced.size;
  }

  /**
   * The child at a plain key whose text is `text[start..start+length)` (`codes`: the same text's code
   * units, see CodeUnits), without slicing it.
   */
  child(text: string, codes: Uint16Array, start: number, length: number): PathNode<I> | undefined {
    if (this.byKey !== undefined) return this.byKey.get(text.slice(start, start + length));
    const keys = this.keys;
    const first = codes[start];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k.length === length && k.charCodeAt(0) === first && text.startsWith(k, start)) return this.nodes[i];
    }
    return undefined;
  }
}

/** Above this many children a node also keeps a Map (one hash beats many compares). */
const LINEAR_LIMIT = 8;

/** Every referenced path of a rule set, with reference counts so rules can come and go. */
export class PathTree<I> {
  readonly root = new PathNode<I>('');
  private readonly nodes = new Map<string, PathNode<I>>([['', this.root]]);
  /** Field `''`: referenced, never reached. */
  private readonly empty = new PathNode<I>('');

  /** The node of a path (not the root) when some rule references it or a path below it. */
  at(path: string): PathNode<I> | undefined {
    if (path === '') return undefined;
    const node = this.nodes.get(path);
    return node !== undefined && (node.index !== undefined || node.below > 0) ? node : undefined;
  }

  /** The field index at a path, if referenced. */
  field(path: string): I | undefined {
    return path === '' ? this.empty.index : this.nodes.get(path)?.index;
  }

  /** Reference a field path, creating its index with `make` the first time. */
  addField(path: string, make: () => I): I {
    if (path === '') return (this.empty.index ??= make());
    const node = this.node(path);
    if (node.index !== undefined) return node.index;
    node.index = make();
    for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1))
      this.node(path.slice(0, dot)).below++;
    this.countSegments(path, 1);
    return node.index;
  }

  /** Drop a field path (its index is empty now). */
  removeField(path: string): void {
    if (path === '') {
      this.empty.index = undefined;
      return;
    }
    const node = this.nodes.get(path);
    if (node?.index === undefined) return;
    node.index = undefined;
    this.countSegments(path, -1);
    this.prune(node);
    // Deepest first: a prefix is pruned only after the nodes below it.
    for (let dot = path.lastIndexOf('.'); dot >= 0; dot = dot > 0 ? path.lastIndexOf('.', dot - 1) : -1) {
      const prefix = this.nodes.get(path.slice(0, dot)) as PathNode<I>;
      prefix.below--;
      this.prune(prefix);
    }
  }

  private node(path: string): PathNode<I> {
    let node = this.nodes.get(path);
    if (node !== undefined) return node;
    node = new PathNode<I>(path);
    this.nodes.set(path, node);
    const link = this.link(path);
    if (link !== undefined) {
      const parent = this.node(link.parent);
      parent.keys.push(link.key);
      parent.nodes.push(node);
      if (parent.byKey !== undefined) parent.byKey.set(link.key, node);
      else if (parent.keys.length > LINEAR_LIMIT)
        parent.byKey = new Map(parent.keys.map((k, i) => [k, parent.nodes[i]]));
    }
    return node;
  }

  /** Forget a node nothing references any more. */
  private prune(node: PathNode<I>): void {
    if (node.index !== undefined || node.below > 0 || node === this.root) return;
    this.nodes.delete(node.path);
    const link = this.link(node.path);
    if (link === undefined) return;
    const parent = this.nodes.get(link.parent) as PathNode<I>;
    const i = parent.nodes.indexOf(node);
    parent.keys.splice(i, 1);
    parent.nodes.splice(i, 1);
    parent.byKey?.delete(link.key);
    if (parent.keys.length <= LINEAR_LIMIT) parent.byKey = undefined;
  }

  /** Where a path hangs as a plain-key child: the parent path and key that join to exactly it. */
  private link(path: string): { parent: string; key: string } | undefined {
    const dot = path.lastIndexOf('.');
    const parent = dot < 0 ? '' : path.slice(0, dot);
    const key = path.slice(dot + 1);
    // '.x' is not reachable as key 'x' of the root: the root joins without a dot.
    if (key === '' || (dot >= 0 && parent === '')) return undefined;
    return { parent, key };
  }

  /** Count the path's segments as referenced keys of their parents (undone with -1). */
  private countSegments(path: string, delta: number): void {
    let parent = '';
    let start = 0;
    for (;;) {
      const dot = path.indexOf('.', start);
      const key = path.slice(start, dot < 0 ? undefined : dot);
      const keys = (this.nodes.get(parent) as PathNode<I>).referenced;
      const count = (keys.get(key) ?? 0) + delta;
      if (count > 0) keys.set(key, count);
      else keys.delete(key);
      if (dot < 0) return;
      parent = path.slice(0, dot);
      start = dot + 1;
    }
  }
}
