// States.ArrayRange(first, last, step): integers from first to last inclusive; at most 1000 items.
import { expectArgCount, fail, integerArg, type IntrinsicFunction } from '../arguments.js';

const MAX_ITEMS = 1000;

/** States.ArrayRange. */
export const arrayRange: IntrinsicFunction = (input) => {
  expectArgCount(input, 3);
  const first = integerArg(input, 0);
  const last = integerArg(input, 1);
  const step = integerArg(input, 2);
  if (step === 0) fail(input, 'expects a non-zero step.');
  const out: number[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    out.push(v);
    if (out.length > MAX_ITEMS) fail(input, `cannot produce more than ${MAX_ITEMS} items.`);
  }
  return out;
};
