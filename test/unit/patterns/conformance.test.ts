// The recorded AWS outcomes (../shared/conformance/eventbridge/patterns.json) as a data-driven suite:
// every case runs through the compiled RuleMatcher and the brute-force reference matcher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  invalidPatternMessage,
  referenceMatches,
  RuleMatcher,
  validatePattern,
} from '../../../src/patterns/index.js';

interface Case {
  name: string;
  expect: 'match' | 'no-match' | 'error';
  pattern?: unknown;
  patternText?: string;
  event: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}

const file = join(import.meta.dirname, '../../../../shared/conformance/eventbridge/patterns.json');
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };

describe('EventBridge pattern conformance (recorded against AWS)', () => {
  it('has the 156 recorded cases', () => {
    expect(cases).toHaveLength(156);
  });

  for (const c of cases) {
    const text = c.patternText ?? JSON.stringify(c.pattern);
    it(`${c.name} (${c.expect})`, () => {
      const reason = validatePattern(text);
      if (c.expect === 'error') {
        expect(c.errorCode).toBe('InvalidEventPatternException');
        expect(reason).not.toBeNull();
        expect(invalidPatternMessage(reason ?? '').split('\n')[0]).toBe(c.errorMessage);
        return;
      }
      expect(reason).toBeNull();
      const matcher = new RuleMatcher();
      matcher.add('rule', text);
      const expected = c.expect === 'match';
      expect(matcher.match(JSON.stringify(c.event))).toEqual(expected ? ['rule'] : []);
      expect(referenceMatches(text, c.event)).toBe(expected);
    });
  }
});
