// Reads event JSON text and reports only the leaves at paths some rule references; everything else is
// skipped without building values (no number conversion, no objects). This is what lets matching beat
// JSON.parse: a typical event carries far more data than its rules look at (event-ruler streams events
// through Jackson for the same reason). Once every referenced key of an object has been read, the rest
// of it is skipped (at the top level, not read at all): an event that repeats a key, or spells a nested
// path as a dotted key after the object, is read up to that point only. Malformed text that is read
// throws; the caller then reports JSON.parse's error.
import type { ElementTable } from './elements.js';
import { NumberReader } from './fast-number.js';
import type { Leaf } from './predicate.js';

/** What the scanner reports to. */
export interface ScanTarget<I> {
  /** The index of a referenced path, if any. */
  field(path: string): I | undefined;
  /** True when some referenced path continues below this one. */
  descend(path: string): boolean;
  /** How many distinct keys of the object at this path are referenced (to stop reading early). */
  needed(path: string): number;
  /** A leaf at a referenced path (inside the elements entered and not left). */
  leaf(value: Leaf, index: I): void;
  /** Where the arrays met are tracked (for array consistency). */
  readonly elements: ElementTable;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
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
  const s = new Scanner<I>(text, target);
  s.space();
  if (text.charCodeAt(s.pos) !== OPEN_BRACE) bad(s.pos);
  if (s.object('')) return;
  s.space();
  if (s.pos !== text.length) bad(s.pos);
}

class Scanner<I> {
  pos = 0;
  private readonly numbers = new NumberReader();
  constructor(
    private readonly text: string,
    private readonly target: ScanTarget<I>,
  ) {}

  space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  /** Read an object; true when it stopped early at the top level (the rest is unread). */
  object(prefix: string): boolean {
    const t = this.text;
    const needed = this.target.needed(prefix);
    let found = 0;
    this.pos++;
    this.space();
    if (t.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return false;
    }
    for (;;) {
      this.space();
      if (t.charCodeAt(this.pos) !== QUOTE) bad(this.pos);
      const key = this.string();
      this.space();
      if (t.charCodeAt(this.pos++) !== COLON) bad(this.pos);
      this.space();
      const path = prefix === '' ? key : prefix + '.' + key;
      const index = this.target.field(path);
      const descend = this.target.descend(path);
      if (index === undefined && !descend) this.skip();
      else {
        this.value(path, index, descend);
        if (key.indexOf('.') < 0 && ++found >= needed) {
          if (prefix === '') return true;
          this.skipRest();
          return false;
        }
      }
      this.space();
      const c = t.charCodeAt(this.pos++);
      if (c === CLOSE_BRACE) return false;
      if (c !== COMMA) bad(this.pos);
    }
  }

  value(path: string, index: I | undefined, descend: boolean): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === OPEN_BRACE) {
      if (descend) this.object(path);
      else this.skip();
    } else if (c === OPEN_BRACKET) {
      const elements = this.target.elements;
      const id = elements.newArray();
      this.pos++;
      this.space();
      if (t.charCodeAt(this.pos) === CLOSE_BRACKET) {
        this.pos++;
        return;
      }
      for (let i = 0; ; i++) {
        let first = t.charCodeAt(this.pos);
        if (first <= 32) {
          this.space();
          first = t.charCodeAt(this.pos);
        }
        elements.enter(id, i);
        if (index !== undefined && (first === 45 || (first >= 48 && first <= 57))) {
          // Fast path for arrays of numbers (coordinates, measurements).
          const n = this.numbers.read(t, this.pos);
          this.pos = this.numbers.end;
          if (n !== n) bad(this.pos);
          this.target.leaf(n, index);
        } else this.value(path, index, descend);
        elements.leave();
        let next = t.charCodeAt(this.pos);
        if (next <= 32) {
          this.space();
          next = t.charCodeAt(this.pos);
        }
        this.pos++;
        if (next === CLOSE_BRACKET) return;
        if (next !== COMMA) bad(this.pos);
      }
    } else if (c === QUOTE) {
      const value = this.string();
      if (index !== undefined) this.target.leaf(value, index);
    } else {
      const value = this.scalar();
      if (index !== undefined) this.target.leaf(value, index);
    }
  }

  /** A string at `pos` (its opening quote); unescaped by JSON.parse only when it has escapes. */
  string(): string {
    const t = this.text;
    const start = ++this.pos;
    let c = t.charCodeAt(this.pos);
    while (c !== QUOTE && c !== BACKSLASH) {
      if (Number.isNaN(c)) bad(this.pos);
      c = t.charCodeAt(++this.pos);
    }
    if (c === QUOTE) return t.slice(start, this.pos++);
    this.pos = start - 1;
    this.skipString();
    return JSON.parse(t.slice(start - 1, this.pos)) as string;
  }

  scalar(): Leaf {
    const t = this.text;
    const start = this.pos;
    const first = t.charCodeAt(start);
    if (first === 45 || (first >= 48 && first <= 57)) {
      const n = this.numbers.read(t, start);
      this.pos = this.numbers.end;
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

  skipString(): void {
    const t = this.text;
    let c = t.charCodeAt(++this.pos);
    while (c !== QUOTE) {
      if (Number.isNaN(c)) bad(this.pos);
      if (c === BACKSLASH) this.pos++;
      c = t.charCodeAt(++this.pos);
    }
    this.pos++;
  }

  /** Skip one value without building it. */
  skip(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === QUOTE) return this.skipString();
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      const start = this.pos;
      let e = c;
      while (e !== COMMA && e !== CLOSE_BRACE && e !== CLOSE_BRACKET && e > 32) e = t.charCodeAt(++this.pos);
      if (this.pos === start) bad(start);
      return;
    }
    this.skipNested(0);
  }

  /** Skip the rest of the object being read (after its last referenced key). */
  skipRest(): void {
    this.skipNested(1);
  }

  private skipNested(depth: number): void {
    const t = this.text;
    for (;;) {
      const d = t.charCodeAt(this.pos);
      if (d === QUOTE) {
        this.skipString();
        continue;
      }
      this.pos++;
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        if (--depth === 0) return;
      } else if (Number.isNaN(d)) bad(this.pos);
    }
  }
}
