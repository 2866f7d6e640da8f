// A small JSON reader for pattern text. JSON.parse cannot be used: EventBridge reads patterns with a
// streaming parser (Jackson), so keys are seen in document order (repeated keys: the last one wins),
// numbers keep their text, and syntax errors must carry Jackson's wording (see the TestEventPattern
// cases in the conformance data).
import { PatternError } from './errors.js';

/** A parsed JSON value that keeps key order, repeated keys and number text. */
export type JsonNode =
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

const EXPECTING_VALUE =
  "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parse JSON text; throws PatternError with Jackson's message on a syntax error. */
export function readJson(text: string): JsonNode {
  const reader = new Reader(text);
  const node = reader.value();
  reader.skipSpace();
  if (reader.pos < text.length) reader.unexpected('was expecting end-of-input');
  return node;
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string, column: number): never {
    throw new PatternError(`${message}\n at [Source: (String)"${this.text}"; line: 1, column: ${column}]`);
  }

  unexpected(expecting: string): never {
    if (this.pos >= this.text.length) this.fail(`Unexpected end-of-input: ${expecting}`, this.pos + 1);
    const ch = this.text[this.pos];
    this.fail(`Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): ${expecting}`, this.pos + 1);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  value(): JsonNode {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return { kind: 'string', value: this.string() };
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    return this.token();
  }

  token(): JsonNode {
    const start = this.pos;
    while (this.pos < this.text.length && /[\w$]/.test(this.text[this.pos])) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'null' };
    if (word === '') {
      this.pos = start;
      this.unexpected('expected a valid value ' + EXPECTING_VALUE.slice(4));
    }
    this.fail(`Unrecognized token '${word}': ${EXPECTING_VALUE}`, this.pos + 1);
  }

  number(): JsonNode {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.unexpected('expected digit (0-9) to follow minus sign, for valid numeric value');
    this.pos += match[0].length;
    return { kind: 'number', value: Number(match[0]), text: match[0] };
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      if (this.text[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    if (this.pos >= this.text.length) this.unexpected('was expecting closing quote for a string value');
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      this.pos = start;
      return this.unexpected('was expecting a valid string');
    }
  }

  object(): JsonNode {
    this.pos++;
    const entries: Array<[string, JsonNode]> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.unexpected('was expecting double-quote to start field name');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':')
        this.unexpected('was expecting a colon to separate field name and value');
      this.pos++;
      entries.push([key, this.value()]);
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === '}') return { kind: 'object', entries };
      if (ch !== ',') {
        this.pos--;
        this.unexpected('was expecting comma to separate Object entries');
      }
    }
  }

  array(): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === ']') return { kind: 'array', items };
      if (ch !== ',') {
        this.pos--;
        this.unexpected('was expecting comma to separate Array entries');
      }
    }
  }
}
