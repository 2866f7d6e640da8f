// States.MathRandom(start, end[, seed]): a random integer with start <= n < end.
import { expectArgCount, fail, integerArg, numberArg, type IntrinsicFunction } from '../arguments.js';

/** States.MathRandom; a seed makes the value reproducible. Non-integer bounds are truncated as on AWS. */
export const mathRandom: IntrinsicFunction = (input) => {
  expectArgCount(input, 2, 3);
  const start = Math.trunc(numberArg(input, 0));
  const end = Math.trunc(numberArg(input, 1));
  if (end <= start) fail(input, `expects start (${start}) to be less than end (${end}).`);
  const r = input.args.length === 3 ? seeded(integerArg(input, 2)) : Math.random();
  return start + Math.floor(r * (end - start));
};

function seeded(seed: number): number {
  // mulberry32: small, deterministic for a given seed.
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
