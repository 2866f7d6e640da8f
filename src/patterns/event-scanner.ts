// Reads event JSON text and reports only the leaves at paths some rule references; everything else is
// skipped without building values (no number conversion, no objects, no key strings). This is what
// lets matching beat JSON.parse: a typical event carries far more data than its rules look at
// (event-ruler streams events through Jackson for the same reason). Keys are compared in place against
// the referenced keys of the object being read (PathTree). Once every referenced key of an object has
// been read, the rest of it is skipped, and when that also completes every enclosing object up to the
// event (outside arrays), reading stops there: an event that repeats a key, or spells a nested path as
// a dotted key (or under a top-level "" key) after the object, is read up to that point only. Malformed text that is read throws;
// the caller then reports JSON.parse's error.
import type { ElementTable } from './elements.js';
import { CodeUnits } from './code-units.js';
import { NumberReader } from './fast-number.js';
import type { PathNode, PathTree } from './path-tree.js';
import type { Leaf } from './predicate.js';

/** What the scanner reports to. */
export interface ScanTarget<I> {
  /** The referenced paths. */
  readonly tree: PathTree<I>;
  /** A leaf at a referenced path (inside the elements entered and not left). */
  leaf(value: Leaf, index: I): void;
  /**
   * The same for a number read as an array element (the hot case: coordinates, measurements); its
   * element is pending (ElementTable.here enters it when needed).
   */
  number(value: number, index: I): void;
  /** Where the arrays met are tracked (for array consistency). */
  readonly elements: ElementTable;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const DOT = 46;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function bad(pos: number): never {
  throw new SyntaxError(`Malformed event JSON at ${pos}`);
}

/** Scan one event's JSON text (a top-level object) into the target. */
export function scanEvent<I>(text: string, target: ScanTarget<I>): void {
  const s = new Scanner<I>(text, units.load(text), target);
  s.space();
  if (s.codes[s.pos] !== OPEN_BRACE) bad(s.pos);
  if (s.object(target.tree.root, true)) return;
  s.space();
  if (s.pos !== text.length) bad(s.pos);
}

/** Shared by every scan: scanning is synchronous and never re-entered (the target only records hits). */
const units = new CodeUnits();
const numbers = new NumberReader();

/**
 * Reads `codes` (the text's code units, then a 0 that no loop reads past: see CodeUnits); `text` only
 * for slicing strings out and finding quotes.
 */
class Scanner<I> {
  pos = 0;
  constructor(
    private readonly text: string,
    readonly codes: Uint16Array,
    private readonly target: ScanTarget<I>,
  ) {}

  space(): void {
    const t = this.codes;
    let c = t[this.pos];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t[++this.pos];
  }

  /**
   * Read an object at `node`; true when it stopped early and left the rest of the event unread. `last`:
   * finishing this object also finishes every object around it, so reading may stop the whole event.
   */
  object(node: PathNode<I>, last: boolean): boolean {
    const t = this.codes;
    const needed = node.needed;
    let found = 0;
    this.pos++;
    this.space();
    if (t[this.pos] === CLOSE_BRACE) {
      this.pos++;
      return false;
    }
    for (;;) {
      this.space();
      if (t[this.pos] !== QUOTE) bad(this.pos);
      // The key is compared in place when plain (no dot, no escape, not empty), the common case.
      const start = this.pos + 1;
      let end = start;
      let c = t[end];
      while (c !== QUOTE && c !== DOT && c !== BACKSLASH) {
        if (c === 0) bad(end);
        c = t[++end];
      }
      let child: PathNode<I> | undefined;
      let plain = true;
      if (c === QUOTE && end > start) {
        child = node.child(this.text, t, start, end - start);
        this.pos = end + 1;
      } else {
        this.pos = start - 1;
        const key = this.string();
        const path = node.path === '' ? key : node.path + '.' + key;
        // A top-level "" key joins back to the event itself (see PathTree); it counts as no key.
        child = path === '' ? this.target.tree.root : this.target.tree.at(path);
        plain = path !== '' && key.indexOf('.') < 0;
      }
      this.space();
      if (t[this.pos++] !== COLON) bad(this.pos);
      this.space();
      if (child === undefined) this.skip();
      else {
        const completes = plain && found + 1 >= needed;
        if (this.value(child, last && completes)) return true;
        if (completes) {
          if (last) return true;
          this.skipNested(1);
          return false;
        }
        if (plain) found++;
      }
      this.space();
      const next = t[this.pos++];
      if (next === CLOSE_BRACE) return false;
      if (next !== COMMA) bad(this.pos);
    }
  }

  /** Read the value at `node`; true when reading stopped early (see object). */
  value(node: PathNode<I>, last: boolean): boolean {
    const c = this.codes[this.pos];
    const index = node.index;
    if (c === OPEN_BRACE) {
      if (node.below > 0 || node.path === '') return this.object(node, last && node.path !== '');
      this.skipNested(0);
    } else if (c === OPEN_BRACKET) this.array(node);
    else if (index === undefined) this.skip();
    else if (c === QUOTE) this.target.leaf(this.string(), index);
    else this.target.leaf(this.scalar(), index);
    return false;
  }

  array(node: PathNode<I>): void {
    const t = this.codes;
    const index = node.index;
    const elements = this.target.elements;
    const id = elements.newArray();
    this.pos++;
    this.space();
    if (t[this.pos] === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      let first = t[this.pos];
      if (first <= 32) {
        this.space();
        first = t[this.pos];
      }
      if (index !== undefined && (first === 45 || (first >= 48 && first <= 57))) {
        // Fast path for arrays of numbers (coordinates, measurements).
        numbers.read(t, this.pos);
        const n = numbers.value;
        this.pos = numbers.end;
        if (n !== n) bad(this.pos);
        elements.pend(id, i);
        this.target.number(n, index);
        elements.unpend();
      } else {
        elements.enter(id, i);
        this.value(node, false);
        elements.leave();
      }
      let next = t[this.pos];
      if (next <= 32) {
        this.space();
        next = t[this.pos];
      }
      this.pos++;
      if (next === CLOSE_BRACKET) return;
      if (next !== COMMA) bad(this.pos);
    }
  }

  /** A string at `pos` (its opening quote); unescaped by JSON.parse only when it has escapes. */
  string(): string {
    const t = this.codes;
    const start = ++this.pos;
    let c = t[this.pos];
    while (c !== QUOTE && c !== BACKSLASH) {
      if (c === 0) bad(this.pos);
      c = t[++this.pos];
    }
    if (c === QUOTE) return this.text.slice(start, this.pos++);
    this.pos = start - 1;
    this.skipString();
    return JSON.parse(this.text.slice(start - 1, this.pos)) as string;
  }

  scalar(): Leaf {
    const t = this.text;
    const start = this.pos;
    const first = this.codes[start];
    if (first === 45 || (first >= 48 && first <= 57)) {
      numbers.read(this.codes, start);
      const n = numbers.value;
      this.pos = numbers.end;
      if (n !== n) bad(start);
      return n;
    }
    if (first === 116 && t.startsWith('true', start)) {
      this.pos += 4;
      return true;
    }
    if (first === 102 && t.startsWith('false', start)) {
      this.pos += 5;
      return false;
    }
    if (first === 110 && t.startsWith('null', start)) {
      this.pos += 4;
      return null;
    }
    return bad(start);
  }

  /** Skip a string at `pos` (its opening quote): indexOf finds quotes far faster than a char loop. */
  skipString(): void {
    const t = this.text;
    let q = t.indexOf('"', this.pos + 1);
    // A quote preceded by an odd run of backslashes is escaped.
    const codes = this.codes;
    while (q > 0 && codes[q - 1] === BACKSLASH) {
      let b = q - 1;
      while (codes[b - 1] === BACKSLASH) b--;
      if ((q - b) % 2 === 0) break;
      q = t.indexOf('"', q + 1);
    }
    if (q < 0) bad(t.length);
    this.pos = q + 1;
  }

  /** Skip one value without building it. */
  skip(): void {
    const t = this.codes;
    const c = t[this.pos];
    if (c === QUOTE) return this.skipString();
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      const start = this.pos;
      let e = c;
      while (e !== COMMA && e !== CLOSE_BRACE && e !== CLOSE_BRACKET && e > 32) e = t[++this.pos];
      if (this.pos === start) bad(start);
      return;
    }
    this.skipNested(0);
  }

  /** Skip to the end of the object or array `depth` levels up (0: the one starting at `pos`). */
  skipNested(depth: number): void {
    const t = this.codes;
    for (;;) {
      const d = t[this.pos];
      if (d === QUOTE) {
        this.skipString();
        continue;
      }
      this.pos++;
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        if (--depth === 0) return;
      } else if (d === 0) bad(this.pos);
    }
  }
}
