// Parses intrinsic function calls (`States.Format('{}', $.a)`), nested up to AWS's limit of 10.
// String literals use single quotes; `\'`, `\{`, `\}` and `\\` are escapes
// (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#amazon-states-language-intrinsic-functions-escapes).

/** One argument of an intrinsic call. */
export type IntrinsicArg =
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; path: string }
  | IntrinsicCall;

/** A call: `States.<name>(args)`. */
export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArg[];
}

const MAX_NESTING = 10;

/** True when `text` looks like an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trim());
}

/** Parses one call expression; throws an Error explaining the first problem. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call(0);
  parser.skipSpace();
  if (!parser.done()) throw new Error(`Unexpected text after the intrinsic function call: '${text}'`);
  return call;
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }

  skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  call(depth: number): IntrinsicCall {
    if (depth >= MAX_NESTING)
      throw new Error(`Intrinsic functions can be nested at most ${MAX_NESTING} levels deep`);
    this.skipSpace();
    const m = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.text.slice(this.i));
    if (!m) throw new Error(`Expected an intrinsic function at position ${this.i} of '${this.text}'`);
    this.i += m[0].length;
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.text[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: `States.${m[1]}`, args };
    }
    for (;;) {
      args.push(this.arg(depth));
      this.skipSpace();
      const c = this.text[this.i++];
      if (c === ')') break;
      if (c !== ',') throw new Error(`Expected ',' or ')' in '${this.text}'`);
    }
    return { kind: 'call', name: `States.${m[1]}`, args };
  }

  arg(depth: number): IntrinsicArg {
    this.skipSpace();
    const rest = this.text.slice(this.i);
    if (rest.startsWith("'")) return this.string();
    if (rest.startsWith('States.')) return this.call(depth + 1);
    if (rest.startsWith('$')) return { kind: 'path', path: this.path() };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    for (const [word, arg] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (rest.startsWith(word)) {
        this.i += word.length;
        return arg;
      }
    }
    throw new Error(`Unexpected argument at position ${this.i} of '${this.text}'`);
  }

  string(): IntrinsicArg {
    this.i++;
    // `value` is the decoded text; `raw` keeps `\{`, `\}` and `\\` escaped so that States.Format can
    // tell an escaped brace from a placeholder.
    let value = '';
    let raw = '';
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '\\' && this.i + 1 < this.text.length) {
        const n = this.text[this.i + 1];
        if (n === "'") {
          value += n;
          raw += n;
        } else if (n === '{' || n === '}' || n === '\\') {
          value += n;
          raw += '\\' + n;
        } else {
          value += '\\' + n;
          raw += '\\\\' + n;
        }
        this.i += 2;
        continue;
      }
      if (c === "'") {
        this.i++;
        return { kind: 'string', value, raw };
      }
      value += c;
      raw += c;
      this.i++;
    }
    throw new Error(`Unterminated string literal in '${this.text}'`);
  }

  path(): string {
    const start = this.i;
    let depth = 0;
    let quote: string | null = null;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (quote) {
        if (c === '\\') this.i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if ((c === ']' || c === ')') && depth > 0) depth--;
      else if ((c === ',' || c === ')') && depth === 0) break;
      this.i++;
    }
    return this.text.slice(start, this.i).trim();
  }
}
