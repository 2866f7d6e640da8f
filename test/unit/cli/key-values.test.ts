import { expect, test } from 'vitest';
import { parseKeyValues } from '../../../src/cli/key-values.js';
import { EddyError } from '../../../src/shared/errors.js';

test('parses Key=Value and ParameterKey/ParameterValue forms', () => {
  expect(parseKeyValues(['Stage=dev Url=http://x/?a=b', 'ParameterKey=Size,ParameterValue=3'])).toEqual({
    Stage: 'dev',
    Url: 'http://x/?a=b',
    Size: '3',
  });
});

test('rejects a pair without a key', () => {
  expect(() => parseKeyValues(['=x'])).toThrow(EddyError);
});
