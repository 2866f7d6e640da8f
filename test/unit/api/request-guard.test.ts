import { describe, expect, test } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from '../../../src/api/request-guard.js';

describe('request guard', () => {
  test.each([
    ['127.0.0.1:4949', true],
    ['localhost:4949', true],
    ['[::1]:4949', true],
    ['app.localhost', true],
    ['evil.example.com:4949', false],
    ['127.0.0.1.nip.io:4949', false],
  ])('Host %s allowed: %s', (host, allowed) => {
    expect(isAllowedHost(host, '127.0.0.1')).toBe(allowed);
  });

  test.each([
    [undefined, true],
    ['http://127.0.0.1:4949', true],
    ['http://evil.example.com', false],
    ['http://127.0.0.1:5000', false],
    ['null', false],
  ])('Origin %s allowed: %s', (origin, allowed) => {
    expect(isAllowedOrigin(origin, '127.0.0.1:4949')).toBe(allowed);
  });
});
