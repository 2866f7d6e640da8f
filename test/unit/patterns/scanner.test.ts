// The event scanner reads keys in place against the tree of referenced paths: dotted, empty and
// escaped keys take the slow path, objects with many referenced keys a Map. On those shapes, matching
// JSON text must agree with the reference matcher, also after rules come and go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceMatches, RuleMatcher, validatePattern } from '../../../src/patterns/index.js';

const MANY = Array.from({ length: 11 }, (_, i) => `k${i}`);
const KEYS = ['a', 'b', 'a.b', 'b.a', '', 'q"t', 'x\\y', 'é', ...MANY];
const key = fc.oneof(fc.constantFrom('a', 'b', 'a.b'), fc.constantFrom(...KEYS));
const leaf = fc.constantFrom<unknown>('x', 'xy', 1, 2.5, true, null);

const eventNode = (depth: number): fc.Arbitrary<unknown> =>
  depth === 0
    ? fc.oneof(leaf, fc.array(leaf, { maxLength: 2 }))
    : fc.oneof(leaf, eventObject(depth - 1), fc.array(eventObject(depth - 1), { maxLength: 2 }));
/**
 * Keys that re-spell a path (dotted keys, and the empty key, which joins back to its parent) come first
 * in each object: once every referenced key of the event has been read the scanner stops, so such a
 * spelling after that is not seen (documented in event-scanner).
 */
const respells = (k: string) => k === '' || k.includes('.');
const eventObject = (depth: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .dictionary(key, eventNode(depth), { minKeys: 1, maxKeys: 5 })
    .map((o) =>
      Object.fromEntries(Object.entries(o).sort(([a], [b]) => Number(!respells(a)) - Number(!respells(b)))),
    );

const matcher = fc.constantFrom<unknown>(
  'x',
  1,
  2.5,
  null,
  { prefix: 'x' },
  { exists: true },
  { exists: false },
  {
    numeric: ['>', 2],
  },
);
const patternNode = (depth: number): fc.Arbitrary<unknown> =>
  depth === 0
    ? fc.array(matcher, { minLength: 1, maxLength: 2 })
    : fc.oneof(fc.array(matcher, { minLength: 1, maxLength: 2 }), patternObject(depth - 1));
const patternObject = (depth: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.dictionary(key, patternNode(depth), { minKeys: 1, maxKeys: 2 });

describe('event scanner', () => {
  it('agrees with the reference on dotted, empty, escaped and many keys', () => {
    fc.assert(
      fc.property(
        fc.array(patternObject(2), { minLength: 1, maxLength: 12 }),
        fc.array(eventObject(2), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (patterns, events, seed) => {
          const texts = patterns.map((p) => JSON.stringify(p)).filter((t) => validatePattern(t) === null);
          const matcher = new RuleMatcher();
          texts.forEach((t, i) => matcher.add(`r${i}`, t));
          const live = texts.map((_, i) => i).filter((i) => ((seed >> i) & 1) === 0);
          for (let i = 0; i < texts.length; i++) if (!live.includes(i)) matcher.remove(`r${i}`);
          for (const event of events) {
            const want = live.filter((i) => referenceMatches(texts[i], event)).map((i) => `r${i}`);
            expect([...matcher.match(JSON.stringify(event))].sort()).toEqual(want.sort());
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a dotted event key and its nested spelling alike', () => {
    const matcher = new RuleMatcher();
    matcher.add('dotted', '{"a":{"b.c":["x"]}}');
    expect(matcher.match('{"a.b":{"c":"x"}}')).toEqual(['dotted']);
    expect(matcher.match('{"a":{"b":{"c":"x"}}}')).toEqual(['dotted']);
    expect(matcher.match('{"a":{"b":{"c":"y"}},"z":1}')).toEqual([]);
  });
});
