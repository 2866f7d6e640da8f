// States.ArrayContains(array, value): whether an item equals `value` (deep JSON equality).
import { arrayArg, expectArgCount, jsonEquals, type IntrinsicFunction } from '../arguments.js';

/** States.ArrayContains. */
export const arrayContains: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  const items = arrayArg(input, 0);
  return items.some((item) => jsonEquals(item, input.args[1]));
};
