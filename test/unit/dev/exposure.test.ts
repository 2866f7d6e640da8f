import { describe, expect, test } from 'vitest';
import { exposureWarnings, isLoopback } from '../../../src/dev/exposure.js';

describe('exposureWarnings', () => {
  test('says nothing on the loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) {
      expect(isLoopback(host)).toBe(true);
      expect(exposureWarnings(host, false)).toEqual([]);
    }
  });

  test('warns on every other address, and suggests --auth when it is off', () => {
    const open = exposureWarnings('0.0.0.0', false);
    expect(open[0]).toContain('every network interface');
    expect(open[1]).toContain('--auth');
    const lan = exposureWarnings('192.168.1.20', true);
    expect(lan[0]).toContain('192.168.1.20');
    expect(lan[1]).toContain('console');
  });
});
