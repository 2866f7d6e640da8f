// The brute-force twin of the weather example's map and reduce: reads every station file straight from
// the folder and averages the daily highs per month, with none of the example's code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `YYYY-MM` → average high °F (unrounded) and the number of station-days. */
export function referenceMonthlyHighs(dir: string): Map<string, { average: number; days: number }> {
  const sums = new Map<string, { sum: number; days: number }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.csv')) continue;
    const [header, ...rows] = readFileSync(join(entry.parentPath, entry.name), 'utf8').trim().split('\n');
    // Generated files quote every field and no field holds a quote, so '","' separates fields.
    const names = header.slice(1, -1).split('","');
    const date = names.indexOf('DATE');
    const max = names.indexOf('MAX');
    for (const row of rows) {
      const fields = row.slice(1, -1).split('","');
      if (fields[max].trim() === '9999.9') continue;
      const month = fields[date].slice(0, 7);
      const s = sums.get(month) ?? { sum: 0, days: 0 };
      s.sum += Number(fields[max]);
      s.days++;
      sums.set(month, s);
    }
  }
  return new Map([...sums].map(([month, s]) => [month, { average: s.sum / s.days, days: s.days }]));
}
