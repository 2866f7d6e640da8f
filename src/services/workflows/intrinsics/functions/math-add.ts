// States.MathAdd(a, b): the sum of two numbers, each first rounded to an integer (AWS rounds half up).
import { expectArgCount, numberArg, type IntrinsicFunction } from '../arguments.js';

/** States.MathAdd. */
export const mathAdd: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  return Math.round(numberArg(input, 0)) + Math.round(numberArg(input, 1));
};
