// States.Array(...values): the values as an array.
import type { IntrinsicFunction } from '../arguments.js';

/** States.Array. */
export const array: IntrinsicFunction = (input) => [...input.args];
