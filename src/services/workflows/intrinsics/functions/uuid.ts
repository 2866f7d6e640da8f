// States.UUID(): a version 4 UUID.
import { randomUUID } from 'node:crypto';
import { expectArgCount, type IntrinsicFunction } from '../arguments.js';

/** States.UUID. */
export const uuid: IntrinsicFunction = (input) => {
  expectArgCount(input, 0);
  return randomUUID();
};
