import { describe, expect, test } from 'vitest';
import { parseAuthKeys } from '../../../src/cli/auth-keys.js';
import { EddyError } from '../../../src/shared/errors.js';

describe('parseAuthKeys', () => {
  test('reads ACCESS_KEY_ID:SECRET pairs (the secret may contain colons)', () => {
    expect(parseAuthKeys(['AKID1:s1', 'AKID2:a:b'])).toEqual({ AKID1: 's1', AKID2: 'a:b' });
  });

  test('env takes the key the SDKs on this machine use', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'shh' };
    expect(parseAuthKeys(['env'], env)).toEqual({ AKIDENV: 'shh' });
    expect(() => parseAuthKeys(['env'], {})).toThrow(EddyError);
  });

  test('refuses values that are not pairs, with a fix', () => {
    for (const bad of ['nocolon', ':secret', 'AKID:']) {
      expect(() => parseAuthKeys([bad])).toThrow(/is not ACCESS_KEY_ID:SECRET/);
    }
  });
});
