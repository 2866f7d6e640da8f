// Retry policy: which retrier handles an error and how long to wait before the next attempt
// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error).
import type { Catcher, Retrier } from '../asl/types.js';
import type { StatesError } from '../errors/states-error.js';

/** The index of the first retrier whose ErrorEquals names `error`, or -1. */
export function findRetrier(retriers: Retrier[] | undefined, error: StatesError): number {
  return (retriers ?? []).findIndex((r) => r.ErrorEquals.some((name) => error.matches(name)));
}

/** The first catcher whose ErrorEquals names `error`. */
export function findCatcher(catchers: Catcher[] | undefined, error: StatesError): Catcher | undefined {
  return (catchers ?? []).find((c) => c.ErrorEquals.some((name) => error.matches(name)));
}

/** Milliseconds to wait before retry number `attempt` (0-based) under `retrier`. */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(rate, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

/** MaxAttempts, 3 by default. */
export function maxAttempts(retrier: Retrier): number {
  return retrier.MaxAttempts ?? 3;
}
