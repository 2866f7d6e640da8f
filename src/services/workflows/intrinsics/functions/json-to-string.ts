// States.JsonToString(value): compact JSON text.
import { expectArgCount, type IntrinsicFunction } from '../arguments.js';

/** States.JsonToString. */
export const jsonToString: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  return JSON.stringify(input.args[0] ?? null);
};
