// fast-check generators for event patterns and events over a small vocabulary, so generated rules and
// events collide often (same keys, same values, arrays of objects for array consistency).
import fc from 'fast-check';

const KEYS = ['a', 'b', 'c'];
const STRINGS = ['', 'x', 'xy', 'XY', 'yx', 'a*b', '10.0.0.1', '10.0.1.9', '::1', 'init', 'Init-1'];
const NUMBERS = [0, 1, 1.5, -2, 300, 300.0000001, 5e9, 5e9 + 1, 123456789012];

const key = fc.constantFrom(...KEYS);
const str = fc.constantFrom(...STRINGS);
const num = fc.constantFrom(...NUMBERS);
/** Pattern numbers stay inside AWS's numeric range (outside it the pattern is invalid). */
const patternNum = fc.constantFrom(...NUMBERS.filter((n) => Math.abs(n) <= 5e9));

/** A leaf value of an event. */
const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null));

function nodeArb(depth: number): fc.Arbitrary<unknown> {
  if (depth === 0) return fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }));
  const object = objectArb(depth - 1);
  return fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.array(object, { maxLength: 3 }), object);
}

function objectArb(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(key, nodeArb(depth), { minKeys: 1, maxKeys: 3 });
}

/** An event: nested objects, arrays of leaves and arrays of objects. */
export const eventArb = objectArb(2);

/** One element of a field's pattern array. */
const matcherArb: fc.Arbitrary<unknown> = fc.oneof(
  str,
  // Exact numbers may lie outside the numeric range (they then match only themselves).
  num,
  fc.boolean(),
  fc.constant(null),
  str.map((s) => ({ prefix: s })),
  str.map((s) => ({ suffix: s })),
  str.map((s) => ({ prefix: { 'equals-ignore-case': s } })),
  str.map((s) => ({ suffix: { 'equals-ignore-case': s } })),
  str.map((s) => ({ 'equals-ignore-case': s })),
  fc.constantFrom('x*', '*y', '*', 'x*y', '*x*', 'a\\*b', '').map((w) => ({ wildcard: w })),
  fc
    .oneof(
      str,
      patternNum,
      fc.array(str, { minLength: 1, maxLength: 2 }),
      fc.array(patternNum, { minLength: 1, maxLength: 2 }),
    )
    .map((v) => ({ 'anything-but': v })),
  fc
    .constantFrom('prefix', 'suffix', 'equals-ignore-case', 'wildcard')
    .chain((op) =>
      fc
        .constantFrom('x', 'in', 'XY', '*y')
        .map((v) => ({ 'anything-but': { [op]: op === 'wildcard' ? v : v.replace('*', '') } })),
    ),
  fc
    .constantFrom(['>', 0], ['>=', 1.5, '<', 300], ['=', 300], ['<=', -2], ['>', 1, '<=', 5e9])
    .map((range) => ({ numeric: range })),
  fc.boolean().map((b) => ({ exists: b })),
  fc.constantFrom('10.0.0.0/24', '::/127', '10.0.0.5/30').map((c) => ({ cidr: c })),
);

function valueArb(depth: number): fc.Arbitrary<unknown> {
  const list = fc.array(matcherArb, { minLength: 1, maxLength: 3 });
  return depth === 0 ? list : fc.oneof(list, list, list, fieldsArb(depth - 1));
}

function fieldsArb(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(key, valueArb(depth), { minKeys: 1, maxKeys: 2 });
}

/** A pattern object: fields with matcher arrays, nested objects and an occasional `$or`. */
export const patternArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fieldsArb(2), fc.option(fc.array(fieldsArb(1), { minLength: 2, maxLength: 3 }), { freq: 4 }))
  .map(([fields, or]) => (or ? { ...fields, $or: or } : fields));
