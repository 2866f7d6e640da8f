// isoTime is toISOString, remembered for the millisecond it was last asked for.
import { expect, test } from 'vitest';
import { isoTime } from '../../../src/shared/iso-time.js';

test('isoTime gives the ISO text of each millisecond, asked again or in turn', () => {
  const times = [0, 1_795_874_292_047, 1_795_874_292_047, 1_795_874_292_048, 0];
  expect(times.map(isoTime)).toEqual(times.map((ms) => new Date(ms).toISOString()));
});
