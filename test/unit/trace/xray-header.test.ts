// X-Ray headers from eddy trace ids: the FNV-1a digest matches its BigInt definition, and ids round-trip.
import { expect, test } from 'vitest';
import { hex16, traceIdOfHeader, xrayTraceHeader } from '../../../src/trace/xray-header.js';

/** FNV-1a 64 as its definition reads, in BigInt arithmetic. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

test('hex16 is 64-bit FNV-1a over UTF-16 code units', () => {
  // The published FNV-1a 64 test vectors for "" and "a".
  expect(hex16('')).toBe('cbf29ce484222325');
  expect(hex16('a')).toBe('af63dc4c8601ec8c');
  for (const text of ['x', 'Root=1-abc', 'été ✔ 𝄞', 'a'.repeat(1000), '6aa14940-57c4-4017-be54-c49eadca7597'])
    expect(hex16(text)).toBe(reference(text));
});

test('a UUID trace id travels in the Root and comes back; any other id in an Eddy field', () => {
  const uuid = '6aa14940-57c4-4017-be54-c49eadca7597';
  const header = xrayTraceHeader(uuid, 'req-1');
  expect(header).toMatch(/^Root=1-6aa14940-57c44017be54c49eadca7597;Parent=[0-9a-f]{16};Sampled=1$/);
  expect(traceIdOfHeader(header)).toBe(uuid);
  expect(traceIdOfHeader(xrayTraceHeader('my trace; id', 'p'))).toBe('my trace; id');
});
