// Property tests: on generated patterns and events, the compiled RuleMatcher (many rules at once, events
// as text and as objects, after removals) agrees with the brute-force reference matcher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePattern,
  referenceMatches,
  RuleMatcher,
  validatePattern,
  type ParsedPattern,
} from '../../../src/patterns/index.js';
import { eventArb, patternArb } from './arbitraries.js';

const validPatterns = fc
  .array(patternArb, { minLength: 1, maxLength: 20 })
  .map((list) => list.map((p) => JSON.stringify(p)).filter((text) => validatePattern(text) === null));

function expected(rules: Map<string, ParsedPattern>, event: unknown): string[] {
  return [...rules]
    .filter(([, p]) => referenceMatches(p, event))
    .map(([name]) => name)
    .sort();
}

describe('compiled matcher agrees with the reference matcher', () => {
  it('for one pattern at a time', () => {
    fc.assert(
      fc.property(patternArb, eventArb, (pattern, event) => {
        const text = JSON.stringify(pattern);
        fc.pre(validatePattern(text) === null);
        const matcher = new RuleMatcher();
        matcher.add('r', text);
        const reference = referenceMatches(text, event);
        expect(matcher.match(event).length > 0).toBe(reference);
        expect(matcher.match(JSON.stringify(event)).length > 0).toBe(reference);
      }),
      { numRuns: 1000 },
    );
  });

  it('for many rules compiled together, events as text and as objects', () => {
    fc.assert(
      fc.property(validPatterns, fc.array(eventArb, { minLength: 1, maxLength: 10 }), (texts, events) => {
        const matcher = new RuleMatcher();
        const rules = new Map<string, ParsedPattern>();
        texts.forEach((text, i) => {
          matcher.add(`rule-${i}`, text);
          rules.set(`rule-${i}`, parsePattern(text));
        });
        for (const event of events) {
          const want = expected(rules, event);
          expect([...matcher.match(event)].sort()).toEqual(want);
          expect([...matcher.match(JSON.stringify(event, null, 1))].sort()).toEqual(want);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('after rules are removed and replaced', () => {
    fc.assert(
      fc.property(
        validPatterns,
        fc.array(eventArb, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        (texts, events, seed) => {
          const matcher = new RuleMatcher();
          const rules = new Map<string, ParsedPattern>();
          texts.forEach((text, i) => {
            matcher.add(`rule-${i}`, text);
            rules.set(`rule-${i}`, parsePattern(text));
          });
          texts.forEach((text, i) => {
            if ((seed >> (i % 30)) & 1) {
              matcher.remove(`rule-${i}`);
              rules.delete(`rule-${i}`);
            } else if (i % 3 === 0 && texts.length > 1) {
              const other = texts[(i + 1) % texts.length];
              matcher.add(`rule-${i}`, other);
              rules.set(`rule-${i}`, parsePattern(other));
            }
          });
          for (const event of events)
            expect([...matcher.match(event)].sort()).toEqual(expected(rules, event));
        },
      ),
      { numRuns: 100 },
    );
  });
});
