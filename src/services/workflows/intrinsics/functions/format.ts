// States.Format(template, ...values): fills each unescaped `{}` with the next value.
import { expectArgCount, fail, stringArg, type IntrinsicFunction } from '../arguments.js';
import { javaString } from '../java-string.js';

/** States.Format: string interpolation; objects print as Java maps (`{a=1}`), as AWS does. */
export const format: IntrinsicFunction = (input) => {
  expectArgCount(input, 1, Number.MAX_SAFE_INTEGER);
  stringArg(input, 0);
  const template = input.raw[0] ?? (input.args[0] as string);
  const values = input.args.slice(1);
  let out = '';
  let used = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && i + 1 < template.length) {
      out += template[++i];
      continue;
    }
    if (c === '{' && template[i + 1] === '}') {
      if (used >= values.length) fail(input, 'has more placeholders than arguments.');
      out += javaString(values[used++]);
      i++;
      continue;
    }
    out += c;
  }
  if (used !== values.length)
    fail(input, `was given ${values.length} argument(s) for ${used} placeholder(s).`);
  return out;
};
