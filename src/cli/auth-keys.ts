// Parses `eddy dev --auth` values: `ACCESS_KEY_ID:SECRET` pairs, or nothing to use the key in
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (what the SDKs on this machine sign with).
import { EddyError } from '../shared/errors.js';

/** `['AKID:secret']` → `{ AKID: 'secret' }`; `['env']` takes the key from the environment. */
export function parseAuthKeys(
  values: string[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const value of values) {
    if (value === 'env') {
      const id = env.AWS_ACCESS_KEY_ID;
      const secret = env.AWS_SECRET_ACCESS_KEY;
      if (!id || !secret) {
        throw new EddyError('NO_AUTH_KEY', '--auth env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', {
          fix: 'Export both variables, or pass the key itself: --auth AKIDEXAMPLE:secret',
        });
      }
      keys[id] = secret;
      continue;
    }
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1) {
      throw new EddyError('BAD_AUTH_KEY', `"${value}" is not ACCESS_KEY_ID:SECRET`, {
        fix: 'Pass each test key as --auth AKIDEXAMPLE:secret (or --auth env for the AWS_* variables).',
      });
    }
    keys[value.slice(0, colon)] = value.slice(colon + 1);
  }
  return keys;
}
