// Parses the array of a `numeric` expression (`[">", 0, "<=", 5]`, `["=", 3]`) with event-ruler's
// messages; bounds outside -5.0e9..5.0e9 are rejected as AWS does.
import { PatternError } from './errors.js';
import type { JsonNode } from './json-text.js';
import { comparableOrThrow, type NumericRange } from './numeric.js';

/** Jackson's text for a token, as event-ruler prints it in messages. */
function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return ']';
  switch (node.kind) {
    case 'object':
      return '{';
    case 'array':
      return '[';
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

function bound(node: JsonNode | undefined, label: string): number {
  if (node?.kind !== 'number') throw new PatternError(`Value of ${label} must be numeric`);
  return comparableOrThrow(node.value);
}

/** Parse a numeric expression into a range. */
export function parseNumeric(items: JsonNode[]): NumericRange {
  const first = items[0];
  if (first?.kind !== 'string')
    throw new PatternError(`Invalid member in numeric match: ${tokenText(first)}`);
  const op = first.value;
  const open = { low: -Infinity, lowOpen: true, high: Infinity, highOpen: true };
  switch (op) {
    case '=': {
      const value = bound(items[1], 'equals');
      if (items.length > 2) throw new PatternError('Too many elements in numeric expression');
      return { low: value, lowOpen: false, high: value, highOpen: false };
    }
    case '<':
    case '<=': {
      const value = bound(items[1], op);
      if (items.length > 2) throw new PatternError('Too many elements in numeric expression');
      return { ...open, high: value, highOpen: op === '<' };
    }
    case '>':
    case '>=': {
      const low = bound(items[1], op);
      const lowOpen = op === '>';
      if (items.length === 2) return { ...open, low, lowOpen };
      return completeRange(items, low, lowOpen);
    }
    default:
      throw new PatternError(`Unrecognized numeric range operator: ${op}`);
  }
}

function completeRange(items: JsonNode[], low: number, lowOpen: boolean): NumericRange {
  const opNode = items[2];
  if (opNode.kind !== 'string') throw new PatternError(`Bad value in numeric range: ${tokenText(opNode)}`);
  const op = opNode.value;
  if (op !== '<' && op !== '<=') throw new PatternError(`Bad numeric range operator: ${op}`);
  const high = bound(items[3], op);
  if (items.length > 4) throw new PatternError('Too many terms in numeric range expression');
  if (low >= high) throw new PatternError('Bottom must be less than top');
  return { low, lowOpen, high, highOpen: op === '<' };
}
