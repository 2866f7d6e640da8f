import { expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';

test('ManualClock fires due timers in time order and only when advanced', () => {
  const clock = new ManualClock(1000);
  const fired: string[] = [];
  clock.setTimer(() => fired.push(`b@${clock.now()}`), 200);
  clock.setTimer(() => fired.push(`a@${clock.now()}`), 100);
  const cancelled = clock.setTimer(() => fired.push('never'), 150);
  cancelled.cancel();
  clock.advance(99);
  expect(fired).toEqual([]);
  clock.advance(200);
  expect(fired).toEqual(['a@1100', 'b@1200']);
  expect(clock.now()).toBe(1299);
});
