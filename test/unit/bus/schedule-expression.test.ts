import { describe, expect, test } from 'vitest';
import { parseSchedule, zonedTime } from '../../../src/services/bus/schedule/expression.js';

const at = (iso: string) => Date.parse(iso);
const next = (expression: string, after: string, tz?: string) => {
  const t = parseSchedule(expression, tz)?.next(at(after));
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe('schedule expressions', () => {
  test.each([
    ['cron(0 12 * * ? *)', '2026-01-01T12:00:00Z', '2026-01-02T12:00:00.000Z'],
    // 1 = Sunday in AWS's day-of-week numbering.
    ['cron(0 8 ? * 1 *)', '2026-01-01T00:00:00Z', '2026-01-04T08:00:00.000Z'],
    ['cron(0 18 ? * MON-FRI *)', '2026-01-02T19:00:00Z', '2026-01-05T18:00:00.000Z'],
    ['cron(0 2 ? * SAT#3 *)', '2026-01-01T00:00:00Z', '2026-01-17T02:00:00.000Z'],
    ['cron(0 10 L * ? *)', '2026-02-01T00:00:00Z', '2026-02-28T10:00:00.000Z'],
    // 2026-08-15 is a Saturday: the nearest weekday is Friday the 14th; LW is the last weekday.
    ['cron(0 9 15W * ? *)', '2026-08-01T00:00:00Z', '2026-08-14T09:00:00.000Z'],
    ['cron(0 9 1W * ? *)', '2026-08-01T00:00:00Z', '2026-08-03T09:00:00.000Z'],
    ['cron(0 9 LW * ? *)', '2026-05-01T00:00:00Z', '2026-05-29T09:00:00.000Z'],
    ['cron(15 10 ? * 6L 2027)', '2026-01-01T00:00:00Z', '2027-01-29T10:15:00.000Z'],
    ['rate(5 minutes)', '2026-01-01T00:07:00Z', '1970-01-01T00:00:00.000Z'],
  ])('%s after %s', (expression, after, expected) => {
    if (expression.startsWith('rate')) {
      expect(parseSchedule(expression, 'UTC', at('2026-01-01T00:00:00Z'))!.next(at(after))).toBe(
        at('2026-01-01T00:10:00Z'),
      );
      return;
    }
    expect(next(expression, after)).toBe(expected);
  });

  test('a year range in the past never fires', () => {
    expect(next('cron(15 10 ? * 6L 2002-2005)', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  test.each([
    'cron(0 1 * * * *)',
    'cron(7 20 * * NOT *)',
    'cron(0 1 * * ?)',
    'rate(1 minutes)',
    'rate(2 minute)',
    'rate(0 hours)',
    'at(2026-01-01)',
    'every 5 minutes',
  ])('%s is rejected', (expression) => expect(parseSchedule(expression)).toBeUndefined());

  // Increments past a field's largest value and values out of range: PutRule refuses them
  // ("Parameter ScheduleExpression is not valid."), as Quartz's cron syntax does.
  test.each([
    'cron(0/61 * * * ? *)',
    'cron(0/60 * * * ? *)',
    'cron(0/0 * * * ? *)',
    'cron(5/999999999999 * * * ? *)',
    'cron(0 0/24 * * ? *)',
    'cron(0 0 1/32 * ? *)',
    'cron(0 0 1 1/13 ? *)',
    'cron(0 0 ? * 1/8 *)',
    'cron(0,10/61 * * * ? *)',
    'cron(60 * * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 0 32 * ? *)',
    'cron(0 0 0 * ? *)',
    'cron(0 0 1 13 ? *)',
    'cron(0 0 ? * 8 *)',
    'cron(61/5 * * * ? *)',
  ])('%s (out of range) is rejected', (expression) => expect(parseSchedule(expression)).toBeUndefined());

  test.each([
    ['cron(0/59 * * * ? *)', '2026-01-01T00:00:00Z', '2026-01-01T00:59:00.000Z'],
    ['cron(0 0/23 * * ? *)', '2026-01-01T00:30:00Z', '2026-01-01T23:00:00.000Z'],
    ['cron(0 0 1/31 * ? *)', '2026-01-01T12:00:00Z', '2026-02-01T00:00:00.000Z'],
    ['cron(0 0 1 1/12 ? *)', '2026-01-01T12:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['cron(0 0 ? * 1/7 *)', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00.000Z'],
    ['cron(10/15 * * * ? *)', '2026-01-01T00:26:00Z', '2026-01-01T00:40:00.000Z'],
  ])('%s (largest increments) after %s', (expression, after, expected) =>
    expect(next(expression, after)).toBe(expected),
  );

  test('at() in a time zone, across daylight saving time', () => {
    expect(next('at(2026-07-01T12:00:00)', '2026-01-01T00:00:00Z', 'Europe/Paris')).toBe(
      '2026-07-01T10:00:00.000Z',
    );
    expect(new Date(zonedTime('2026-01-15T09:00:00', 'America/New_York')).toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(next('at(2026-01-01T00:00:00)', '2026-06-01T00:00:00Z')).toBeUndefined();
  });

  test('cron() honours the time zone', () => {
    expect(next('cron(0 9 * * ? *)', '2026-01-01T00:00:00Z', 'Asia/Tokyo')).toBe('2026-01-02T00:00:00.000Z');
  });
});
