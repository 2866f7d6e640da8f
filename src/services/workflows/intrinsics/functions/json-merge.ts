// States.JsonMerge(a, b, false): shallow merge, b's keys win. AWS supports only shallow mode.
import { expectArgCount, fail, objectArg, type IntrinsicFunction } from '../arguments.js';

/** States.JsonMerge. */
export const jsonMerge: IntrinsicFunction = (input) => {
  expectArgCount(input, 3);
  const a = objectArg(input, 0);
  const b = objectArg(input, 1);
  if (input.args[2] !== false)
    fail(input, 'supports only a shallow merge: the third argument must be false.');
  return { ...a, ...b };
};
