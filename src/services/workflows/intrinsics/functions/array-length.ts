// States.ArrayLength(array): the number of items.
import { arrayArg, expectArgCount, type IntrinsicFunction } from '../arguments.js';

/** States.ArrayLength. */
export const arrayLength: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  return arrayArg(input, 0).length;
};
