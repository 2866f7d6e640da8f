// Target retry policy: AWS's limits and defaults (MaximumRetryAttempts 0–185, default 185;
// MaximumEventAgeInSeconds 60–86400, default 24 h) and exponential backoff with jitter
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html).

/** Defaults AWS applies when a target has no RetryPolicy. */
export const DEFAULT_MAX_RETRIES = 185;
export const DEFAULT_MAX_AGE_SECONDS = 86_400;

/** First retry after about this long; each later one waits twice as long, up to MAX_DELAY_MS. */
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** A target's retry limits. */
export interface RetryLimits {
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; condition: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' };

/**
 * Decides on a retry after `retriesDone` retries have failed (0 after the first attempt), with the
 * event first attempted at `firstAt`. Jitter keeps a burst of failures from retrying in lockstep.
 */
export function nextRetry(
  limits: RetryLimits | undefined,
  retriesDone: number,
  firstAt: number,
  now: number,
  random: () => number = Math.random,
): RetryDecision {
  const maxRetries = limits?.maximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
  const maxAgeMs = (limits?.maximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
  if (retriesDone >= maxRetries) return { retry: false, condition: 'MaximumRetryAttempts' };
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(retriesDone, 20));
  const delayMs = Math.round(ceiling * (0.5 + random() / 2));
  if (now + delayMs - firstAt > maxAgeMs) return { retry: false, condition: 'MaximumEventAgeInSeconds' };
  return { retry: true, delayMs };
}
