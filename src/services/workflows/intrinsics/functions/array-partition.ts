// States.ArrayPartition(array, size): chunks of `size` items (the last may be shorter).
import { arrayArg, expectArgCount, fail, integerArg, type IntrinsicFunction } from '../arguments.js';

/** States.ArrayPartition. */
export const arrayPartition: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  const items = arrayArg(input, 0);
  const size = integerArg(input, 1);
  if (size <= 0) fail(input, `expects a chunk size greater than 0 but was given ${size}.`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};
