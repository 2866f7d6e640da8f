// The event scanner's number reader and the interval index: numbers must land in the same place as
// Number(text) quantized to six decimals, and range bounds must hold at equal and adjacent values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeUnits } from '../../../src/patterns/code-units.js';
import { NumberReader } from '../../../src/patterns/fast-number.js';
import { IntervalIndex } from '../../../src/patterns/interval-index.js';
import { inRange, isComparable, quantize, type NumericRange } from '../../../src/patterns/numeric.js';
import { matchesPattern, referenceMatches } from '../../../src/patterns/index.js';

/** What matching sees of a number: comparable or not, and its six-decimal value when comparable. */
const seen = (n: number): string => (isComparable(n) ? `q${quantize(n)}` : `raw${n}`);

function read(text: string): number {
  const reader = new NumberReader();
  reader.read(new CodeUnits().load(`[${text}]`), 1);
  const n = reader.value;
  expect(reader.end).toBe(text.length + 1);
  return n;
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** JSON number text: sign, whole part, optional fraction (often near a rounding half) and exponent. */
const numberText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.constant('0'),
      digits(1, 12).map((d) => '1' + d),
    ),
    fc.option(
      fc.oneof(
        digits(1, 20),
        digits(6, 6).chain((six) =>
          fc
            .constantFrom(
              ...[
                '5',
                '49999',
                '50001',
                '4999999',
                '5000000001',
                '499599',
                '4996',
                '5004',
                '500401',
                '49999999999',
              ],
            )
            .map((t) => six + t),
        ),
      ),
    ),
    fc.option(fc.integer({ min: -12, max: 12 }), { freq: 5 }),
  )
  .map(
    ([neg, whole, fraction, exp]) =>
      `${neg ? '-' : ''}${whole}${fraction === null ? '' : '.' + fraction}${exp === null ? '' : 'e' + exp}`,
  );

describe('NumberReader', () => {
  it('quantizes like Number(text) on generated numbers', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        expect(seen(read(text))).toBe(seen(Number(text)));
      }),
      {
        numRuns: 20000,
      },
    );
  });

  it.each([
    '0',
    '-0',
    '0.0000005',
    '-0.0000005',
    '0.00000049999',
    '1.2345675',
    '-1.2345675',
    '0.4999995',
    '999999.9999995',
    '1000000.0000005',
    '-122.49516763865599',
    '37.788395442169160',
    '5000000000',
    '5000000000.0000001',
    '1e3',
    '123456789012',
    '0.1234564999999999999',
    '2.5e-7',
    '100000.1731684999999',
  ])('%s', (text) => expect(seen(read(text))).toBe(seen(Number(text))));

  it('says NaN for text that is not a number', () => {
    const reader = new NumberReader();
    reader.read(new CodeUnits().load('[-]'), 1);
    expect(reader.value).toBeNaN();
  });
});

const BOUNDS = [-2, -1.5, 0, 0.000001, 1, 1.000001, 300];
const rangeArb: fc.Arbitrary<NumericRange> = fc
  .tuple(
    fc.option(fc.constantFrom(...BOUNDS)),
    fc.option(fc.constantFrom(...BOUNDS)),
    fc.boolean(),
    fc.boolean(),
  )
  .filter(([low, high]) => low !== null || high !== null)
  .map(([low, high, lowOpen, highOpen]) => ({
    low: low ?? -Infinity,
    high: high ?? Infinity,
    lowOpen: low === null || lowOpen,
    highOpen: high === null || highOpen,
  }));
const probe = fc.oneof(
  fc.constantFrom(...BOUNDS),
  fc.constantFrom(...BOUNDS).map((b) => quantize(b + 0.000001)),
  fc.constantFrom(...BOUNDS).map((b) => quantize(b - 0.000001)),
);

describe('IntervalIndex', () => {
  it('finds exactly the ranges covering a point, at and next to shared bounds', () => {
    fc.assert(
      fc.property(
        fc.array(rangeArb, { minLength: 1, maxLength: 8 }),
        fc.array(probe, { maxLength: 10 }),
        fc.nat(),
        (ranges, points, drop) => {
          const index = new IntervalIndex<number>();
          ranges.forEach((r, i) => index.add(r, i));
          index.remove(drop % ranges.length);
          for (const p of points) {
            const want = ranges
              .map((r, i) => (i !== drop % ranges.length && inRange(r, p) ? i : -1))
              .filter((i) => i >= 0);
            expect([...index.lookup(p)].sort((a, b) => a - b)).toEqual(want);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps exact numbers and ranges that share a bound apart', () => {
    const pattern = JSON.stringify({ n: [1, { numeric: ['>', 1, '<=', 300] }] });
    for (const [text, match] of [
      ['1', true],
      ['1.0000001', true],
      ['1.000001', true],
      ['0.999999', false],
      ['300', true],
      ['300.000001', false],
    ] as const) {
      expect(matchesPattern(pattern, `{"n":[${text}]}`)).toBe(match);
      expect(referenceMatches(pattern, JSON.parse(`{"n":${text}}`))).toBe(match);
    }
  });
});
