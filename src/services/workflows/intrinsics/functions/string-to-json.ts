// States.StringToJson(string): parses JSON text; blank text gives null, as on AWS.
import { expectArgCount, fail, stringArg, type IntrinsicFunction } from '../arguments.js';

/** States.StringToJson. */
export const stringToJson: IntrinsicFunction = (input) => {
  expectArgCount(input, 1);
  const text = stringArg(input, 0);
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(input, `could not parse the string as JSON: ${text}`);
  }
};
