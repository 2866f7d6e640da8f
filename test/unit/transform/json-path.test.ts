// The JSONPath subset: parsing (and refusing what AWS does not support) and evaluation, where a missing
// field is not the same as a null one.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, lookupJsonPath, parseJsonPath } from '../../../src/transform/index.js';

const event = {
  'detail-type': 'Order Placed',
  detail: {
    'x-y': 'dashed',
    'a/b': 'slashed',
    nothing: null,
    items: [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 2 },
    ],
    tags: ['red', 'blue'],
    nested: { deeper: { leaf: 0 } },
  },
};

describe('lookupJsonPath', () => {
  it.each([
    ['$', event],
    ['$.detail-type', 'Order Placed'],
    ['$.detail.x-y', 'dashed'],
    ["$.detail['x-y']", 'dashed'],
    ['$.detail["x-y"]', 'dashed'],
    ['$.detail.a/b', 'slashed'],
    ['$.detail.items[0].sku', 'A'],
    ['$.detail.items[1]', { sku: 'B', qty: 2 }],
    ['$.detail.items[-1].sku', 'B'],
    ['$.detail.tags', ['red', 'blue']],
    ['$.detail.nested.deeper.leaf', 0],
    ['$.detail.nothing', null],
  ])('%s finds the value', (path, value) => {
    expect(lookupJsonPath(path, event)).toEqual({ found: true, value });
  });

  it.each([
    '$.missing',
    '$.detail.items[2]',
    '$.detail.items.sku',
    '$.detail.tags[0].x',
    '$.detail-type.length',
    '$.detail.nested[0]',
  ])('%s finds nothing', (path) => {
    expect(lookupJsonPath(path, event)).toEqual({ found: false });
  });

  it('a wildcard finds the list of every match', () => {
    expect(lookupJsonPath('$.detail.items[*].sku', event)).toEqual({ found: true, value: ['A', 'B'] });
    expect(lookupJsonPath('$.detail.items.*.qty', event)).toEqual({ found: true, value: [1, 2] });
    expect(lookupJsonPath('$.detail.nested.*', event)).toEqual({ found: true, value: [{ leaf: 0 }] });
    expect(lookupJsonPath('$.detail.missing[*]', event)).toEqual({ found: true, value: [] });
  });

  it('does not read inherited properties', () => {
    expect(lookupJsonPath('$.detail.constructor', event)).toEqual({ found: false });
    expect(lookupJsonPath('$.toString', {})).toEqual({ found: false });
  });
});

describe('parseJsonPath', () => {
  it('compiles once and evaluates against many documents', () => {
    const parsed = parseJsonPath('$.detail.id');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(evaluateJsonPath(parsed.path, { detail: { id: 1 } })).toEqual({ found: true, value: 1 });
    expect(evaluateJsonPath(parsed.path, { detail: { id: 'two' } })).toEqual({ found: true, value: 'two' });
    expect(evaluateJsonPath(parsed.path, { detail: 'flat' })).toEqual({ found: false });
  });

  it('records whether quoted members or wildcards are used', () => {
    const quoted = parseJsonPath("$.detail['x']");
    const wild = parseJsonPath('$.a[*]');
    expect(quoted.ok && quoted.path.usesQuotedMembers).toBe(true);
    expect(quoted.ok && quoted.path.indefinite).toBe(false);
    expect(wild.ok && wild.path.indefinite).toBe(true);
  });

  it('reads escaped quotes inside quoted members', () => {
    expect(lookupJsonPath("$['it\\'s']", { "it's": 1 })).toEqual({ found: true, value: 1 });
  });

  it.each([
    ['detail.x', 'must start with $'],
    ['$..x', 'recursive descent'],
    ['$.', 'member name must follow'],
    ['$.a..b', 'recursive descent'],
    ['$.a.', 'member name must follow'],
    ['$.a b', 'whitespace'],
    ['$.a[', 'unterminated'],
    ["$.a['b", 'unterminated quoted member'],
    ['$.a[0:2]', 'unsupported bracket expression'],
    ['$.a[?(@.b)]', 'unsupported bracket expression'],
    ['$x', "unexpected character 'x'"],
  ])('refuses %s', (path, reason) => {
    const parsed = parseJsonPath(path);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('an unparsable path finds nothing', () => {
    expect(lookupJsonPath('$..x', { x: 1 })).toEqual({ found: false });
  });
});
