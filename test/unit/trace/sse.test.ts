import { describe, expect, test } from 'vitest';
import { parseSince } from '../../../src/trace/sse.js';

describe('parseSince', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  test.each([
    [null, {}],
    ['42', { afterSeq: 42 }],
    ['10m', { sinceTime: now - 600_000 }],
    ['2h', { sinceTime: now - 7_200_000 }],
    ['2026-11-28T11:00:00Z', { sinceTime: now - 3_600_000 }],
    [String(now), { sinceTime: now }],
    ['yesterday', {}],
  ])('%s', (since, expected) => {
    expect(parseSince(since, now)).toEqual(expected);
  });
});
