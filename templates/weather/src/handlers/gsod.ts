// Reading NOAA GSOD station files (https://www.ncei.noaa.gov/access/metadata/landing-page/bin/iso?id=gov.noaa.ncdc:C00516):
// CSV with a header row, every field quoted ("STATION","DATE",...,"MAX","MAX_ATTRIBUTES",...), DATE as
// YYYY-MM-DD, temperatures in °F with 9999.9 meaning "missing".

/** Sum and count of daily highs (°F) for one month. */
export interface MonthTotal {
  sum: number;
  count: number;
}

/** Per-month totals keyed by `YYYY-MM`. */
export type MonthTotals = Record<string, MonthTotal>;

/** GSOD's value for a measurement that was not taken. */
export const MISSING = 9999.9;

/** The fields of one CSV line: quoted or not, `""` inside quotes is a quote, commas inside quotes stay. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let end = line.indexOf('"', i + 1);
      if (end < 0) end = line.length;
      let value = line.slice(i + 1, end);
      i = end + 1;
      // A doubled quote inside a quoted field is one quote character.
      while (line[i] === '"') {
        end = line.indexOf('"', i + 1);
        if (end < 0) end = line.length;
        value += line.slice(i, end);
        i = end + 1;
      }
      fields.push(value);
      i = line.indexOf(',', i);
      if (i < 0) break;
      i++;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      if (end < 0) break;
      i = end + 1;
    }
  }
  return fields;
}

/** Adds one station file's daily highs to `totals`; returns how many rows it used and skipped. */
export function addStationFile(text: string, totals: MonthTotals): { used: number; missing: number } {
  const lines = text.split('\n');
  const header = splitCsvLine(lines[0].trim());
  const dateAt = header.indexOf('DATE');
  const maxAt = header.indexOf('MAX');
  let used = 0;
  let missing = 0;
  if (dateAt < 0 || maxAt < 0) return { used, missing };
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) continue;
    const fields = splitCsvLine(line);
    const high = Number(fields[maxAt]);
    const month = fields[dateAt]?.slice(0, 7);
    // Number(' ') is 0, so an empty field must be caught before it counts as 0 °F.
    if (!month || !fields[maxAt]?.trim() || !Number.isFinite(high) || high === MISSING) {
      missing++;
      continue;
    }
    const total = (totals[month] ??= { sum: 0, count: 0 });
    total.sum += high;
    total.count++;
    used++;
  }
  return { used, missing };
}

/** Adds `part` into `into` (the reduce step). */
export function mergeTotals(into: MonthTotals, part: MonthTotals): MonthTotals {
  for (const [month, { sum, count }] of Object.entries(part)) {
    const total = (into[month] ??= { sum: 0, count: 0 });
    total.sum += sum;
    total.count += count;
  }
  return into;
}

/** One month of the answer. */
export interface MonthlyHigh {
  month: string;
  /** Mean of the daily highs, °F, to 0.01. */
  averageHighF: number;
  /** The same in °C, to 0.01. */
  averageHighC: number;
  /** How many station-days it averages. */
  days: number;
}

/** The average high per month, in month order. */
export function monthlyHighs(totals: MonthTotals): MonthlyHigh[] {
  const round = (x: number) => Math.round(x * 100) / 100;
  return Object.keys(totals)
    .sort()
    .map((month) => {
      const { sum, count } = totals[month];
      const f = sum / count;
      return { month, averageHighF: round(f), averageHighC: round(((f - 32) * 5) / 9), days: count };
    });
}
