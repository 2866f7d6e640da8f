// States.ArrayUnique(array): the items without duplicates, first occurrence kept.
import { arrayArg, expectArgCount, jsonEquals, type IntrinsicFunction } from '../arguments.js';

/** States.ArrayUnique. */
export const arrayUnique: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  const out: unknown[] = [];
  for (const item of arrayArg(input, 0)) if (!out.some((seen) => jsonEquals(seen, item))) out.push(item);
  return out;
};
