// States.Base64Encode(string): UTF-8 then base64; input limited to 10,000 characters.
import { expectArgCount, fail, stringArg, type IntrinsicFunction } from '../arguments.js';

/** States.Base64Encode. */
export const base64Encode: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  const text = stringArg(input, 0);
  if (text.length > 10000) fail(input, 'expects a string of at most 10000 characters.');
  return Buffer.from(text, 'utf8').toString('base64');
};
