import { describe, expect, test } from 'vitest';
import { parseJsonBody } from '../../../src/api/json-protocol.js';
import { AwsError } from '../../../src/shared/aws-error.js';

function errorOf(body: string): AwsError {
  try {
    parseJsonBody(Buffer.from(body));
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected a rejection');
}

describe('parseJsonBody', () => {
  test('parses an object and treats an empty body as {}', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
  });

  test.each(['{', '[]', '"x"', '1', 'null'])('rejects %s with a SerializationException', (body) => {
    const error = errorOf(body);
    expect(error.code).toBe('SerializationException');
    expect(error.status).toBe(400);
  });

  test('rejects 10,000 levels of nesting before parsing', () => {
    const error = errorOf('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect(error.code).toBe('SerializationException');
  });

  test('brackets inside strings do not count as nesting', () => {
    expect(parseJsonBody(Buffer.from(JSON.stringify({ s: '['.repeat(5000) })))).toEqual({
      s: '['.repeat(5000),
    });
  });
});
