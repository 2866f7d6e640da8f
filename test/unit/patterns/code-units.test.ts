// The scanner reads events as code units copied into a reused typed array: the copy must equal
// charCodeAt for any text (non-ASCII, lone surrogates, longer than the array so far), end in the 0 the
// scanner stops at, and a short event read after a long one must never see the long one's tail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeUnits } from '../../../src/patterns/code-units.js';
import { referenceMatches, RuleMatcher } from '../../../src/patterns/index.js';

describe('CodeUnits', () => {
  it('holds exactly the code units of each text loaded, then 0', () => {
    const units = new CodeUnits();
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 3000 }), fc.string({ maxLength: 40 })),
        (text) => {
          const codes = units.load(text);
          for (let i = 0; i < text.length; i++) expect(codes[i]).toBe(text.charCodeAt(i));
          expect(codes[text.length]).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    const lone = 'a\ud800b\udfffc';
    expect([...units.load(lone).subarray(0, lone.length)]).toEqual([...lone].map((c) => c.charCodeAt(0)));
  });
});

describe('matching event text through code units', () => {
  const matcher = new RuleMatcher();
  matcher.add('n', '{"detail":{"n":[{"numeric":[">",1]}]}}');
  matcher.add('s', '{"detail":{"s":["héllo 😀"]}}');

  it('agrees with the reference on events longer than the array so far, with non-ASCII text', () => {
    const long = { detail: { pad: 'x'.repeat(5000), s: 'héllo 😀', n: [0, 1.5] } };
    const want = ['n', 's'].filter((r) =>
      referenceMatches(
        r === 'n' ? '{"detail":{"n":[{"numeric":[">",1]}]}}' : '{"detail":{"s":["héllo 😀"]}}',
        long,
      ),
    );
    expect(matcher.match(JSON.stringify(long)).sort()).toEqual(want);
    expect(matcher.match('{"detail":{"s":"héllo 😀"}}')).toEqual(['s']);
  });

  it('rejects text cut short after a longer event, as JSON.parse does', () => {
    matcher.match(JSON.stringify({ detail: { n: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } }));
    expect(() => matcher.match('{"detail":{"n":[2')).toThrow(SyntaxError);
    expect(() => matcher.match('{"detail":{"n')).toThrow(SyntaxError);
  });

  it('rejects a raw NUL, which JSON does not allow unescaped', () => {
    expect(() => matcher.match('{"detail":{"n\u0000":[2]}}')).toThrow(SyntaxError);
    expect(() => matcher.match('{"detail":{"n":[2\u0000]}}')).toThrow(SyntaxError);
  });
});
