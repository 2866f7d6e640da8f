// States.Base64Decode(string): base64 to UTF-8 text; input limited to 10,000 characters.
import { expectArgCount, fail, stringArg, type IntrinsicFunction } from '../arguments.js';

/** States.Base64Decode. */
export const base64Decode: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  const text = stringArg(input, 0);
  if (text.length > 10000) fail(input, 'expects a string of at most 10000 characters.');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail(input, `was given a string that is not base64: ${text}`);
  return Buffer.from(text, 'base64').toString('utf8');
};
