// States.Hash(data, algorithm): hex digest with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.
import { createHash } from 'node:crypto';
import { expectArgCount, fail, stringArg, type IntrinsicFunction } from '../arguments.js';

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** States.Hash. */
export const hash: IntrinsicFunction = (input) => {
  expectArgCount(input, 2);
  const data = input.args[0];
  const text = typeof data === 'string' ? data : JSON.stringify(data ?? null);
  if (text.length > 10000) fail(input, 'expects data of at most 10000 characters.');
  const algorithm = ALGORITHMS[stringArg(input, 1)];
  if (!algorithm)
    fail(
      input,
      `supports the algorithms ${Object.keys(ALGORITHMS).join(', ')}, not '${String(input.args[1])}'.`,
    );
  return createHash(algorithm).update(text, 'utf8').digest('hex');
};
