// Parses one field's pattern array (`["a", 1, {"prefix": "x"}, ...]`) into matchers, with the checks
// and messages of aws/event-ruler's JsonRuleCompiler, which EventBridge returns verbatim.
import { ipToHex, looksLikeIp, parseCidr } from './cidr.js';
import { PatternError } from './errors.js';
import type { JsonNode } from './json-text.js';
import { parseNumeric } from './parse-numeric.js';
import { comparableOrThrow, isComparable, quantize } from './numeric.js';
import { foldCase, type Matcher } from './types.js';
import { parseWildcard } from './wildcard.js';

const ONE_KEY = 'Only one key allowed in match expression';

/** Parse the array under a field into its matchers. */
export function parseValueList(items: JsonNode[]): Matcher[] {
  const matchers: Matcher[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'object':
        matchers.push(parseExpression(item.entries));
        break;
      case 'string': {
        const hex = looksLikeIp(item.value) ? ipToHex(item.value) : undefined;
        // event-ruler turns an IP literal into a one-address range, so other spellings match too.
        matchers.push(
          hex ? { type: 'ip', range: { low: hex, high: hex } } : { type: 'exact-string', value: item.value },
        );
        break;
      }
      case 'number':
        matchers.push({
          type: 'exact-number',
          value: isComparable(item.value) ? quantize(item.value) : item.value,
        });
        break;
      case 'boolean':
        matchers.push({ type: 'exact-literal', value: item.value });
        break;
      case 'null':
        matchers.push({ type: 'exact-literal', value: null });
        break;
      default:
        throw new PatternError('Match value must be String, number, true, false, or null');
    }
  }
  if (matchers.length === 0) throw new PatternError('Empty arrays are not allowed');
  return matchers;
}

function onlyKey(entries: Array<[string, JsonNode]>, message = ONE_KEY): void {
  if (entries.length > 1) throw new PatternError(message);
}

function stringOr(node: JsonNode | undefined, message: string): string {
  if (node?.kind !== 'string') throw new PatternError(message);
  return node.value;
}

function parseExpression(entries: Array<[string, JsonNode]>): Matcher {
  if (entries.length === 0) throw new PatternError('Match expression name not found');
  const [name, value] = entries[0];
  switch (name) {
    case 'prefix':
    case 'suffix': {
      if (value.kind === 'object') {
        const label = name === 'prefix' ? 'Prefix' : 'Suffix';
        const inner = parseIgnoreCaseWrapper(value.entries, label, name);
        onlyKey(entries);
        return { type: name, value: foldCase(inner), ignoreCase: true };
      }
      const text = stringOr(value, `${name} match pattern must be a string`);
      onlyKey(entries);
      return { type: name, value: text, ignoreCase: false };
    }
    case 'equals-ignore-case': {
      const text = stringOr(value, 'equals-ignore-case match pattern must be a string');
      onlyKey(entries);
      return { type: 'equals-ignore-case', value: foldCase(text) };
    }
    case 'wildcard': {
      const wildcard = parseWildcard(stringOr(value, 'wildcard match pattern must be a string'));
      onlyKey(entries);
      return { type: 'wildcard', wildcard };
    }
    case 'cidr': {
      const range = parseCidr(stringOr(value, 'prefix match pattern must be a string'));
      onlyKey(entries);
      return { type: 'ip', range };
    }
    case 'exists': {
      if (value.kind !== 'boolean')
        throw new PatternError('exists match pattern must be either true or false.');
      onlyKey(entries);
      return { type: 'exists', value: value.value };
    }
    case 'numeric': {
      if (value.kind !== 'array') throw new PatternError('Value of numeric must be an array.');
      const range = parseNumeric(value.items);
      onlyKey(entries, 'Too many elements in numeric expression');
      return { type: 'numeric', range };
    }
    case 'anything-but': {
      const matcher = parseAnythingBut(value);
      onlyKey(entries, 'Too many elements in numeric expression');
      return matcher;
    }
    default:
      throw new PatternError(`Unrecognized match type ${name}`);
  }
}

function parseIgnoreCaseWrapper(entries: Array<[string, JsonNode]>, label: string, op: string): string {
  if (entries.length === 0) throw new PatternError(`${label} expression name not found`);
  const [name, value] = entries[0];
  if (name !== 'equals-ignore-case') throw new PatternError(`Unsupported ${op} pattern: ${name}`);
  const text = stringOr(value, 'equals-ignore-case match pattern must be a string');
  onlyKey(entries);
  return text;
}

type SetKind = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

function parseAnythingBut(node: JsonNode): Matcher {
  let kind: SetKind | undefined;
  let value = node;
  let wrapper: Array<[string, JsonNode]> = [];
  if (node.kind === 'object') {
    if (node.entries.length === 0) throw new PatternError('Anything-But expression name not found');
    const [name, inner] = node.entries[0];
    if (name !== 'equals-ignore-case' && name !== 'prefix' && name !== 'suffix' && name !== 'wildcard') {
      throw new PatternError(`Unsupported anything-but pattern: ${name}`);
    }
    kind = name;
    value = inner;
    wrapper = node.entries;
  }
  if (value.kind !== 'array' && value.kind !== 'string' && value.kind !== 'number') {
    throw new PatternError('Value of anything-but must be an array or single string/number value.');
  }
  if (kind === undefined) return plainAnythingBut(value);
  const items = value.kind === 'array' ? value.items : [value];
  const texts = items.map((item) => setMember(item, kind));
  onlyKey(wrapper, 'Too many elements in numeric expression');
  switch (kind) {
    case 'equals-ignore-case':
      return { type: 'anything-but-ignore-case', values: texts.map(foldCase) };
    case 'prefix':
      return { type: 'anything-but-prefix', values: texts };
    case 'suffix':
      return { type: 'anything-but-suffix', values: texts };
    case 'wildcard':
      return { type: 'anything-but-wildcard', wildcards: texts.map(parseWildcard) };
  }
}

function setMember(item: JsonNode, kind: SetKind): string {
  if (item.kind !== 'string') {
    if (kind === 'equals-ignore-case') {
      throw new PatternError(
        'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
      );
    }
    throw new PatternError(
      kind === 'wildcard'
        ? 'wildcard match pattern must be a string'
        : 'prefix/suffix match pattern must be a string',
    );
  }
  if ((kind === 'prefix' || kind === 'suffix') && item.value === '') {
    throw new PatternError('Null prefix/suffix not allowed');
  }
  return item.value;
}

function plainAnythingBut(value: JsonNode): Matcher {
  if (value.kind === 'string') return { type: 'anything-but-string', values: [value.value] };
  if (value.kind === 'number')
    return { type: 'anything-but-number', values: [comparableOrThrow(value.value)] };
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const item of value.kind === 'array' ? value.items : []) {
    if (item.kind === 'string') strings.push(item.value);
    else if (item.kind === 'number') numbers.push(comparableOrThrow(item.value));
    else throw new PatternError('Inside anything but list, start|null|boolean is not supported.');
  }
  if (strings.length > 0 === numbers.length > 0) {
    throw new PatternError(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return strings.length > 0
    ? { type: 'anything-but-string', values: strings }
    : { type: 'anything-but-number', values: numbers };
}
