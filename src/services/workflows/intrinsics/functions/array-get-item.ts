// States.ArrayGetItem(array, index): the item at a zero-based index.
import { arrayArg, expectArgCount, fail, integerArg, type IntrinsicFunction } from '../arguments.js';

/** States.ArrayGetItem. */
export const arrayGetItem: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  const items = arrayArg(input, 0);
  const index = integerArg(input, 1);
  if (index < 0 || index >= items.length)
    fail(input, `was given index ${index}, outside an array of ${items.length} item(s).`);
  return items[index];
};
