// States.StringSplit(string, delimiters): splits on any of the delimiter characters and drops empty
// pieces (Java StringTokenizer semantics, which the recorded AWS results show).
import { expectArgCount, stringArg, type IntrinsicFunction } from '../arguments.js';

/** States.StringSplit. */
export const stringSplit: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  const text = stringArg(input, 0);
  const delimiters = new Set(stringArg(input, 1));
  const out: string[] = [];
  let current = '';
  for (const ch of text) {
    if (delimiters.has(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
};
