// The compiled matcher: many rules in one structure (one per bus). Each `$or` branch of a rule is a set
// of conditions, one per field path; conditions are indexed per path (FieldIndex). Matching walks only
// the event paths some rule references, collects the satisfied conditions, and only branches whose
// required conditions all fired are examined, so rules that cannot match cost nothing. Adding or
// removing a rule touches only that rule's entries. Same semantics as the reference matcher.
import { scanEvent, type ScanTarget } from './event-scanner.js';
import { FieldIndex } from './field-index.js';
import { Hits } from './hits.js';
import { ElementTable } from './elements.js';
import { parsePattern } from './parse.js';
import { PathTree } from './path-tree.js';
import type { Leaf } from './predicate.js';
import type { Field, ParsedPattern } from './types.js';

interface Condition {
  field: Field;
  index: FieldIndex<Condition>;
  branch: BranchState;
  /** `exists: false` is among the alternatives: an absent path satisfies it. */
  absentOk: boolean;
  epoch: number;
  /** A hit came from a leaf outside any array: no array constraint. */
  free: boolean;
  /** Only branches of two or more conditions can need array consistency. */
  track: boolean;
  /** The array elements (ElementTable ids) of the leaves that hit, this event. */
  trails: number[];
  trailCount: number;
}

interface BranchState {
  rule: RuleState;
  conditions: Condition[];
  required: number;
  epoch: number;
  count: number;
}

interface RuleState {
  name: string;
  branches: BranchState[];
  epoch: number;
}

/** Many rules compiled into one matcher; `match` returns the names of the rules an event matches. */
export class RuleMatcher {
  private readonly tree = new PathTree<FieldIndex<Condition>>();
  private readonly rules = new Map<string, RuleState>();
  private readonly unconditional = new Set<BranchState>();
  private epoch = 0;
  private readonly elements = new ElementTable();
  private readonly hits = new Hits<Condition>();
  private readonly complete: BranchState[] = [];
  private readonly target: ScanTarget<FieldIndex<Condition>> = {
    tree: this.tree,
    leaf: (value, index) => this.leaf(value, index),
    number: (value, index) => this.number(value, index),
    elements: this.elements,
  };

  /** Add (or replace) a rule; throws PatternError when the pattern is invalid. */
  add(ruleName: string, pattern: string | ParsedPattern): void {
    const parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
    this.remove(ruleName);
    const rule: RuleState = { name: ruleName, branches: [], epoch: -1 };
    for (const fields of parsed.branches) {
      const branch: BranchState = { rule, conditions: [], required: 0, epoch: -1, count: 0 };
      for (const field of fields) {
        const index = this.tree.addField(field.path, () => new FieldIndex());
        const absentOk = field.matchers.some((m) => m.type === 'exists' && !m.value);
        const track = fields.length > 1;
        const c: Condition = {
          field,
          index,
          branch,
          absentOk,
          epoch: -1,
          free: false,
          track,
          trails: [],
          trailCount: 0,
        };
        for (const m of field.matchers) index.add(m, c);
        branch.conditions.push(c);
        if (!absentOk) branch.required++;
      }
      if (branch.required === 0) this.unconditional.add(branch);
      rule.branches.push(branch);
    }
    this.rules.set(ruleName, rule);
  }

  /** Remove a rule (no-op when absent). */
  remove(ruleName: string): void {
    const rule = this.rules.get(ruleName);
    if (!rule) return;
    this.rules.delete(ruleName);
    for (const branch of rule.branches) {
      this.unconditional.delete(branch);
      for (const c of branch.conditions) {
        for (const m of c.field.matchers) c.index.remove(m, c);
        this.releaseField(c.field.path);
      }
    }
  }

  /** The rule names, in the order they were added. */
  get ruleNames(): string[] {
    return [...this.rules.keys()];
  }

  /** The names of the rules matching the event (JSON text or a parsed object). */
  match(event: string | object): string[] {
    if (typeof event !== 'string') this.collect(event);
    else {
      try {
        this.reset();
        scanEvent(event, this.target);
      } catch {
        // Malformed text: JSON.parse throws the error callers expect; anything it accepts is walked.
        this.collect(JSON.parse(event) as object);
      }
    }
    const names: string[] = [];
    for (const branch of this.complete) this.accept(branch, names);
    for (const branch of this.unconditional) this.accept(branch, names);
    return names;
  }

  private accept(branch: BranchState, names: string[]): void {
    const epoch = this.epoch;
    if (branch.rule.epoch !== epoch && this.satisfied(branch, epoch)) {
      branch.rule.epoch = epoch;
      names.push(branch.rule.name);
    }
  }

  private reset(): void {
    this.epoch++;
    this.complete.length = 0;
    this.elements.reset();
  }

  private collect(root: object): void {
    this.reset();
    if (root !== null && typeof root === 'object' && !Array.isArray(root)) this.walk(root, '');
  }

  private releaseField(path: string): void {
    if ((this.tree.field(path)?.size ?? 1) === 0) this.tree.removeField(path);
  }

  private walk(object: object, prefix: string): void {
    const record = object as Record<string, unknown>;
    for (const key in record) {
      const path = prefix === '' ? key : prefix + '.' + key;
      // A top-level "" key is the event again (see PathTree).
      if (path === '') this.visit(record[key], path, undefined, true);
      else {
        const node = this.tree.at(path);
        if (node !== undefined) this.visit(record[key], path, node.index, node.below > 0);
      }
    }
  }

  private visit(
    value: unknown,
    path: string,
    index: FieldIndex<Condition> | undefined,
    descend: boolean,
  ): void {
    if (value === null || typeof value !== 'object') {
      if (index !== undefined && value !== undefined) this.leaf(value as Leaf, index);
    } else if (Array.isArray(value)) {
      const id = this.elements.newArray();
      const elements = this.elements;
      for (let i = 0; i < value.length; i++) {
        elements.enter(id, i);
        this.visit(value[i], path, index, descend);
        elements.leave();
      }
    } else if (descend) this.walk(value, path);
  }

  private leaf(value: Leaf, index: FieldIndex<Condition>): void {
    const epoch = this.epoch;
    index.seenEpoch = epoch;
    const hits = this.hits;
    hits.count = 0;
    index.collect(value, hits);
    const items = hits.items;
    for (let h = 0; h < hits.count; h++) this.hit(items[h], epoch);
  }

  /** A number read from event text: the common case (arrays of numbers) skips the hit buffer. */
  private number(value: number, index: FieldIndex<Condition>): void {
    if (!index.keyedNumbers) return this.leaf(value, index);
    const epoch = this.epoch;
    index.seenEpoch = epoch;
    const list = index.numbers(value);
    for (let h = 0; h < list.length; h++) this.hit(list[h], epoch);
  }

  /** Record that a leaf satisfied the condition (and where, for array consistency). */
  private hit(c: Condition, epoch: number): void {
    if (c.epoch !== epoch) {
      c.epoch = epoch;
      c.free = !c.track;
      c.trailCount = 0;
      if (!c.absentOk) {
        const branch = c.branch;
        if (branch.epoch !== epoch) {
          branch.epoch = epoch;
          branch.count = 0;
        }
        if (++branch.count === branch.required) this.complete.push(branch);
      }
    }
    if (c.free) return;
    const element = this.elements.here();
    if (element < 0) c.free = true;
    else c.trails[c.trailCount++] = element;
  }

  /** Optional conditions hold, and the hits can be drawn from the same elements of shared arrays. */
  private satisfied(branch: BranchState, epoch: number): boolean {
    let constrained: Condition[] | undefined;
    for (const c of branch.conditions) {
      if (c.epoch !== epoch) {
        if (!(c.absentOk && c.index.seenEpoch !== epoch)) return false;
      } else if (!c.free) (constrained ??= []).push(c);
    }
    return constrained === undefined || constrained.length < 2 || this.consistent(constrained, 0, []);
  }

  /** Can one hit per condition be chosen so that all chosen hits agree on their shared arrays? */
  private consistent(conditions: Condition[], at: number, chosen: number[]): boolean {
    if (at === conditions.length) return true;
    const { trails, trailCount } = conditions[at];
    for (let i = 0; i < trailCount; i++) {
      const trail = trails[i];
      if (chosen.every((other) => this.elements.compatible(other, trail))) {
        chosen.push(trail);
        if (this.consistent(conditions, at + 1, chosen)) return true;
        chosen.pop();
      }
    }
    return false;
  }
}
