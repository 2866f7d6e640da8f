// One table per operator: pattern, event, expected outcome; each row runs through the compiled matcher
// (event as text and as object) and the reference matcher.
import { describe, expect, it } from 'vitest';
import { matchesPattern, referenceMatches } from '../../../src/patterns/index.js';

type Row = [pattern: unknown, event: unknown, match: boolean];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    it.each(rows.map(([p, e, m]) => [JSON.stringify(p), JSON.stringify(e), m] as const))(
      '%s on %s → %s',
      (pattern, event, match) => {
        expect(matchesPattern(pattern, event)).toBe(match);
        expect(matchesPattern(pattern, JSON.parse(event))).toBe(match);
        expect(referenceMatches(pattern, JSON.parse(event))).toBe(match);
      },
    );
  });
}

table('exact values', [
  [{ a: ['x'] }, { a: 'x' }, true],
  [{ a: ['x'] }, { a: 'X' }, false],
  [{ a: [true] }, { a: true }, true],
  [{ a: [true] }, { a: 'true' }, false],
  [{ a: [null] }, { a: null }, true],
  [{ a: [null] }, { a: 'null' }, false],
  [{ a: [null] }, {}, false],
  [{ a: [null] }, { a: [] }, false],
  [{ a: [''] }, { a: '' }, true],
  [{ a: [''] }, { a: null }, false],
  [{ a: ['x'] }, { a: ['y', 'x'] }, true],
  [{ a: { b: ['x'] } }, { a: { b: 'x' } }, true],
  [{ 'a.b': ['x'] }, { a: { b: 'x' } }, true],
  [{ a: { b: ['x'] } }, { 'a.b': 'x' }, true],
  [{ a: ['x'] }, { a: { b: 'x' } }, false],
]);

table('numbers', [
  [{ n: [300] }, { n: 300.0 }, true],
  [{ n: [300] }, { n: 3e2 }, true],
  [{ n: [300] }, { n: '300' }, false],
  [{ n: ['300'] }, { n: 300 }, false],
  [{ n: [0] }, { n: -0 }, true],
  [{ n: [123456789012] }, { n: 123456789012 }, true],
  [{ n: [{ numeric: ['>', 100] }] }, { n: 101 }, true],
  [{ n: [{ numeric: ['>', 100] }] }, { n: 100 }, false],
  [{ n: [{ numeric: ['>=', 100] }] }, { n: 100 }, true],
  [{ n: [{ numeric: ['>', 0, '<=', 5] }] }, { n: 5 }, true],
  [{ n: [{ numeric: ['>', 0, '<', 5] }] }, { n: 5 }, false],
  [{ n: [{ numeric: ['=', 301.8] }] }, { n: 301.8 }, true],
  [{ n: [{ numeric: ['<', 10] }] }, { n: '5' }, false],
  [{ n: [{ numeric: ['<', 10] }] }, { n: null }, false],
  [{ n: [{ numeric: ['>', 0] }] }, { n: 6e9 }, false],
  [{ n: [{ numeric: ['>', 0] }] }, { n: [-1, 2] }, true],
]);

table('prefix, suffix, equals-ignore-case', [
  [{ s: [{ prefix: 'ab' }] }, { s: 'abc' }, true],
  [{ s: [{ prefix: 'ab' }] }, { s: 'Abc' }, false],
  [{ s: [{ prefix: '' }] }, { s: 'x' }, true],
  [{ s: [{ prefix: '' }] }, { s: 1 }, false],
  [{ s: [{ prefix: '1' }] }, { s: 12 }, false],
  [{ s: [{ suffix: '.png' }] }, { s: 'a.png' }, true],
  [{ s: [{ suffix: '.png' }] }, { s: 'a.PNG' }, false],
  [{ s: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { s: 'eventbridge' }, true],
  [{ s: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { s: 'A.PNG' }, true],
  [{ s: [{ 'equals-ignore-case': 'alice' }] }, { s: 'ALICE' }, true],
  [{ s: [{ 'equals-ignore-case': 'alice' }] }, { s: 'alice2' }, false],
  [{ s: [{ 'equals-ignore-case': '' }] }, { s: '' }, true],
]);

table('anything-but', [
  [{ s: [{ 'anything-but': 'x' }] }, { s: 'y' }, true],
  [{ s: [{ 'anything-but': 'x' }] }, { s: 'x' }, false],
  [{ s: [{ 'anything-but': 'x' }] }, { s: null }, true],
  [{ s: [{ 'anything-but': 'x' }] }, {}, false],
  [{ s: [{ 'anything-but': 'x' }] }, { s: ['x', 'y'] }, true],
  [{ s: [{ 'anything-but': 'x' }] }, { s: ['x'] }, false],
  [{ s: [{ 'anything-but': [1, 2] }] }, { s: 2.0 }, false],
  [{ s: [{ 'anything-but': [1, 2] }] }, { s: '2' }, true],
  [{ s: [{ 'anything-but': 0 }] }, { s: 0 }, false],
  [{ s: [{ 'anything-but': { prefix: 'in' } }] }, { s: 'init' }, false],
  [{ s: [{ 'anything-but': { prefix: 'in' } }] }, { s: 12 }, true],
  [{ s: [{ 'anything-but': { suffix: ['.a', '.b'] } }] }, { s: 'x.b' }, false],
  [{ s: [{ 'anything-but': { suffix: ['.a', '.b'] } }] }, { s: 'x.c' }, true],
  [{ s: [{ 'anything-but': { 'equals-ignore-case': ['A', 'b'] } }] }, { s: 'B' }, false],
  [{ s: [{ 'anything-but': { 'equals-ignore-case': ['A', 'b'] } }] }, { s: 'c' }, true],
  [{ s: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { s: 'a/lib/b' }, false],
  [{ s: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { s: 'a/src/b' }, true],
  [{ s: [{ 'anything-but': { wildcard: ['x*', '*y'] } }] }, { s: 'ay' }, false],
]);

table('exists', [
  [{ s: [{ exists: true }] }, { s: 'x' }, true],
  [{ s: [{ exists: true }] }, { s: null }, true],
  [{ s: [{ exists: true }] }, { s: [] }, false],
  [{ s: [{ exists: true }] }, { s: { t: 1 } }, false],
  [{ s: [{ exists: false }] }, {}, true],
  [{ s: [{ exists: false }] }, { s: [] }, true],
  [{ s: [{ exists: false }] }, { s: null }, false],
  [{ s: [{ exists: false }], t: ['x'] }, { t: 'x' }, true],
  [{ s: [{ exists: false }], t: ['x'] }, { s: 1, t: 'x' }, false],
  [{ s: [{ 'anything-but': 'roses' }, { exists: false }] }, {}, true],
  [{ s: [{ 'anything-but': 'roses' }, { exists: false }] }, { s: 'roses' }, false],
]);

table('cidr and IP addresses', [
  [{ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' }, true],
  [{ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' }, false],
  [{ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: 'not an ip' }, false],
  [{ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: 100 }, false],
  [{ ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:db8:1234:1a00:9691:9503:25ad:1761' }, true],
  [{ ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:db8:1234:1a01::1' }, false],
  [{ ip: ['::1'] }, { ip: '0:0:0:0:0:0:0:1' }, true],
  [{ ip: ['10.0.0.1'] }, { ip: '10.0.0.1' }, true],
]);

table('wildcard', [
  [{ f: [{ wildcard: '/Users/*/doc.txt' }] }, { f: '/Users/me/doc.txt' }, true],
  [{ f: [{ wildcard: '/Users/*/doc.txt' }] }, { f: '/Users/me/doc.txt.bak' }, false],
  [{ f: [{ wildcard: '*' }] }, { f: '' }, true],
  [{ f: [{ wildcard: '' }] }, { f: '' }, true],
  [{ f: [{ wildcard: '' }] }, { f: 'x' }, false],
  [{ f: [{ wildcard: 'a\\*b' }] }, { f: 'a*b' }, true],
  [{ f: [{ wildcard: 'a\\*b' }] }, { f: 'axb' }, false],
  [{ f: [{ wildcard: 'a\\\\*' }] }, { f: 'a\\xyz' }, true],
  [{ f: [{ wildcard: 'a*' }] }, { f: 1 }, false],
  [{ f: [{ wildcard: 'ab*ba' }] }, { f: 'aba' }, false],
]);

table('$or', [
  [{ $or: [{ a: ['1'] }, { b: ['2'] }] }, { b: '2' }, true],
  [{ $or: [{ a: ['1'] }, { b: ['2'] }] }, { c: '2' }, false],
  [{ s: ['x'], $or: [{ a: ['1'] }, { b: ['2'] }] }, { s: 'x', a: '1' }, true],
  [{ s: ['x'], $or: [{ a: ['1'] }, { b: ['2'] }] }, { a: '1' }, false],
  [{ d: { $or: [{ a: ['1'] }, { $or: [{ b: ['2'] }, { c: ['3'] }] }] } }, { d: { c: '3' } }, true],
]);

table('array consistency', [
  [{ r: { x: ['1'], y: ['2'] } }, { r: [{ x: '1', y: '2' }] }, true],
  [
    { r: { x: ['1'], y: ['2'] } },
    {
      r: [
        { x: '1', y: '9' },
        { x: '9', y: '2' },
      ],
    },
    false,
  ],
  [
    { r: { x: ['1'], y: ['2'] } },
    {
      r: [
        { x: '9', y: '9' },
        { x: '1', y: '2' },
      ],
    },
    true,
  ],
  [{ r: { x: ['1'] }, t: ['2'] }, { r: [{ x: '1' }], t: '2' }, true],
  [{ r: { s: { x: ['1'] }, y: ['2'] } }, { r: [{ s: [{ x: '1' }], y: '2' }] }, true],
  [{ r: { s: { x: ['1'] }, y: ['2'] } }, { r: [{ s: [{ x: '1' }] }, { y: '2' }] }, false],
  // Numbers in arrays inside the elements (their positions are recorded only when they hit).
  [
    { r: { x: [{ numeric: ['>', 1] }], y: [5] } },
    {
      r: [
        { x: [0, 2], y: [1] },
        { x: [0], y: [4, 5] },
      ],
    },
    false,
  ],
  [
    { r: { x: [{ numeric: ['>', 1] }], y: [5] } },
    {
      r: [
        { x: [0, 2], y: [1] },
        { x: [0, 3], y: [4, 5] },
      ],
    },
    true,
  ],
  [
    { r: { x: [{ numeric: ['>', 1] }], y: [5] } },
    { r: [[{ x: [2], y: 1 }], [{ x: [1, 2, 0], y: [5] }]] },
    true,
  ],
  [
    { r: { x: [{ numeric: ['>', 1] }], y: [5] } },
    { r: [[{ x: [2], y: 1 }], [{ x: [1, 0], y: [5] }]] },
    false,
  ],
]);
