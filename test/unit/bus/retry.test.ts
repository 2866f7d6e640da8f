import { describe, expect, test } from 'vitest';
import { nextRetry } from '../../../src/services/bus/retry.js';

describe('nextRetry', () => {
  test('exponential backoff with jitter between half and the whole of the ceiling', () => {
    const delays = [0, 1, 2, 3].map((n) => nextRetry(undefined, n, 0, 0, () => 0.999));
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([1000, 1999, 3998, 7996]);
    expect(nextRetry(undefined, 3, 0, 0, () => 0)).toEqual({ retry: true, delayMs: 4000 });
    // The ceiling stops growing at five minutes.
    expect(nextRetry(undefined, 30, 0, 0, () => 0.999)).toEqual({ retry: true, delayMs: 299_850 });
  });

  test('AWS defaults: 185 retries, 24 hours', () => {
    expect(nextRetry(undefined, 184, 0, 0)).toMatchObject({ retry: true });
    expect(nextRetry(undefined, 185, 0, 0)).toEqual({ retry: false, condition: 'MaximumRetryAttempts' });
    expect(nextRetry(undefined, 10, 0, 86_400_000)).toEqual({
      retry: false,
      condition: 'MaximumEventAgeInSeconds',
    });
  });

  test('a policy of 0 retries never retries; age counts from the first attempt', () => {
    expect(nextRetry({ maximumRetryAttempts: 0 }, 0, 0, 0)).toEqual({
      retry: false,
      condition: 'MaximumRetryAttempts',
    });
    expect(nextRetry({ maximumEventAgeInSeconds: 60 }, 0, 0, 59_500, () => 0.5)).toEqual({
      retry: false,
      condition: 'MaximumEventAgeInSeconds',
    });
    expect(nextRetry({ maximumEventAgeInSeconds: 60 }, 0, 0, 10_000, () => 0.5)).toEqual({
      retry: true,
      delayMs: 750,
    });
  });
});
