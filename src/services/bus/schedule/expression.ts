// Schedule expressions: `rate(N unit)`, AWS's six-field `cron(min hour dom month dow year)` (1 =
// Sunday, `?`, `L`, `W`, `#`; exactly one of day-of-month and day-of-week is `?`) and Scheduler's
// `at(yyyy-mm-ddThh:mm:ss)` (docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html,
// docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). Cron fields are translated to
// cron-parser's syntax (0 = Sunday, no year field); the year is checked here.
import { CronExpressionParser } from 'cron-parser';

/** A parsed schedule: the next firing strictly after a time, or undefined when there is none. */
export interface Schedule {
  next(after: number): number | undefined;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses an expression; undefined when AWS would reject it ("Parameter ScheduleExpression is not valid."). */
export function parseSchedule(expression: string, timezone = 'UTC', anchor = 0): Schedule | undefined {
  const rate = RATE.exec(expression);
  if (rate) return parseRate(Number(rate[1]), rate[2], anchor);
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return parseCron(cron[1], timezone);
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (at) return parseAt(at[1], timezone);
  return undefined;
}

function parseRate(value: number, unit: string, anchor: number): Schedule | undefined {
  // AWS wants the singular unit for 1 and the plural otherwise.
  if (value <= 0 || (value === 1) !== !unit.endsWith('s')) return undefined;
  const period = value * UNIT_MS[unit.replace(/s$/, '')];
  return { next: (after) => anchor + (Math.floor((after - anchor) / period) + 1) * period };
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * The largest increment (`start/n`) of minutes, hours, day-of-month, month and day-of-week. AWS's cron
 * follows Quartz's syntax, which refuses an increment past the field's largest value: PutRule answers
 * `cron(0/61 * * * ? *)` with "Parameter ScheduleExpression is not valid.", while cron-parser takes any
 * step (a step wider than the range just leaves the start value), so increments are checked here.
 */
const MAX_INCREMENT = [59, 23, 31, 12, 7];

function incrementsValid(fields: string[]): boolean {
  return MAX_INCREMENT.every((max, i) =>
    fields[i].split(',').every((part) => {
      const slash = part.indexOf('/');
      if (slash < 0) return true;
      const step = part.slice(slash + 1);
      return /^\d{1,2}$/.test(step) && Number(step) >= 1 && Number(step) <= max;
    }),
  );
}

function parseCron(body: string, timezone: string): Schedule | undefined {
  const fields = body.split(' ');
  if (fields.length !== 6 || fields.some((f) => f === '')) return undefined;
  const [minute, hour, dom, month, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) return undefined;
  if (!incrementsValid(fields)) return undefined;
  if (!/^[\d,\-*/]+$/.test(year) && year !== '*') return undefined;
  const years = yearTest(year);
  const lastYear =
    year === '*'
      ? 2199
      : Math.max(
          ...year
            .split(/[,\-/]/)
            .map(Number)
            .filter((n) => n >= 1970),
        );
  if (!years) return undefined;
  const translatedDow = dow === '?' ? '*' : translateDow(dow);
  if (translatedDow === undefined) return undefined;
  // cron-parser has no `W` (nearest weekday): such a day-of-month is checked here.
  const weekday = /^(\d{1,2}|L)W$/.exec(dom);
  const text = `0 ${minute} ${hour} ${dom === '?' || weekday ? '*' : dom} ${month} ${translatedDow}`;
  const dayOk = weekday ? (date: Date) => date.getUTCDate() === nearestWeekday(date, weekday[1]) : () => true;
  try {
    const probe = CronExpressionParser.parse(text, { tz: timezone, strict: false });
    probe.next();
  } catch {
    return undefined;
  }
  return {
    next(after) {
      const expression = CronExpressionParser.parse(text, { tz: timezone, currentDate: new Date(after) });
      for (let i = 0; i < 1000; i++) {
        let date: Date;
        try {
          date = expression.next().toDate();
        } catch {
          return undefined;
        }
        const y = date.getUTCFullYear();
        if (y > lastYear) return undefined;
        if (years(y) && dayOk(date)) return date.getTime();
        if (!dayOk(date)) {
          // Skip the rest of a day that is not the one `W` picks.
          const nextDay = Date.UTC(y, date.getUTCMonth(), date.getUTCDate() + 1) - 1;
          return this.next(nextDay);
        }
      }
      return undefined;
    },
  };
}

/** The day of the month `NW` (or `LW`) names in the month of `date`: the weekday nearest to day N. */
function nearestWeekday(date: Date, day: string): number {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = day === 'L' ? last : Math.min(Number(day), last);
  const weekday = new Date(Date.UTC(y, m, target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

/** AWS day-of-week (1–7 from Sunday, or names) to cron-parser's (0–6). */
function translateDow(field: string): string | undefined {
  const named = field.toUpperCase();
  if (!/^[A-Z0-9,\-*/#L]+$/.test(named)) return undefined;
  const bad = named.match(/[A-Z]{3}/g)?.some((name) => !DAY_NAMES.includes(name) && name !== 'L');
  if (bad) return undefined;
  return named.replace(
    /(^|[,\-#/])?(\d+)/g,
    (match, sep: string | undefined, digits: string, offset: number, all: string) => {
      const previous = offset > 0 ? all[offset - 1] : '';
      // The number after `#` (nth week) and after `/` (step) is not a day.
      if (sep === '#' || sep === '/' || previous === '#' || previous === '/') return match;
      const day = Number(digits);
      if (day < 1 || day > 7) return `${sep ?? ''}99`;
      return `${sep ?? ''}${day - 1}`;
    },
  );
}

function yearTest(field: string): ((year: number) => boolean) | undefined {
  if (field === '*') return () => true;
  const tests: ((y: number) => boolean)[] = [];
  for (const part of field.split(',')) {
    const m = /^(\d{4}|\*)(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? 1970 : Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[3] || m[1] === '*' ? 2199 : from;
    const step = m[3] ? Number(m[3]) : 1;
    if (from < 1970 || to > 2199 || from > to || step < 1) return undefined;
    tests.push((y) => y >= from && y <= to && (y - from) % step === 0);
  }
  return (y) => tests.some((t) => t(y));
}

function parseAt(local: string, timezone: string): Schedule | undefined {
  const at = zonedTime(local, timezone);
  if (Number.isNaN(at)) return undefined;
  return { next: (after) => (at > after ? at : undefined) };
}

/** Epoch ms of a wall-clock time in a time zone (Intl gives the zone's offset at that moment). */
export function zonedTime(local: string, timezone: string): number {
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc)) return NaN;
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return wall - ms;
  };
  try {
    const first = asUtc - offsetAt(asUtc);
    return asUtc - offsetAt(first);
  } catch {
    return NaN;
  }
}
