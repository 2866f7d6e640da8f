// Deterministic station files in NOAA GSOD's CSV layout, so the example runs offline. Each station-year
// is generated from its own seed (seed, station, year), so any subset of the files is the same bytes
// whatever else is generated, and generation can be split across processes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** GSOD's header row, as NOAA publishes it (every field quoted). */
// prettier-ignore
export const GSOD_HEADER = [
  'STATION', 'DATE', 'LATITUDE', 'LONGITUDE', 'ELEVATION', 'NAME',
  'TEMP', 'TEMP_ATTRIBUTES', 'DEWP', 'DEWP_ATTRIBUTES', 'SLP', 'SLP_ATTRIBUTES',
  'STP', 'STP_ATTRIBUTES', 'VISIB', 'VISIB_ATTRIBUTES', 'WDSP', 'WDSP_ATTRIBUTES',
  'MXSPD', 'GUST', 'MAX', 'MAX_ATTRIBUTES', 'MIN', 'MIN_ATTRIBUTES',
  'PRCP', 'PRCP_ATTRIBUTES', 'SNDP', 'FRSHTT',
];

/** A small seeded PRNG (xorshift-multiply over 32 bits): same seed, same sequence, on every platform. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The station id of station number `n`: USAF (6 digits) + WBAN (5 digits), as GSOD names files. */
export function stationId(n: number): string {
  return `${String(100000 + n * 7).padStart(6, '0')}${String(99999 - (n % 90000)).padStart(5, '0')}`;
}

/** Right-aligned number with one decimal, as GSOD pads them ("  42.8"). */
function num(x: number, width: number, decimals = 1): string {
  return x.toFixed(decimals).padStart(width, ' ');
}

function daysIn(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The CSV text of one station-year. */
export function stationYear(station: number, year: number, seed = 1): string {
  const site = random(seed * 1_000_003 + station);
  const rand = random(((seed * 1_000_003 + station) * 7919) ^ year);
  const id = stationId(station);
  const lat = site() * 140 - 60;
  const lon = site() * 360 - 180;
  const elevation = site() * 2500;
  const name = `STATION ${String(station).padStart(5, '0')}, ${['US', 'CA', 'FR', 'AU', 'JA', 'BR'][station % 6]}`;
  // Warmer near the equator, cooler up high; seasons swing more far from it and flip south of it.
  const mean = 85 - Math.abs(lat) * 0.7 - elevation * 0.0036;
  const swing = (Math.abs(lat) / 60) * 25 * (lat < 0 ? -1 : 1);
  const fixed = `"${id}",`;
  const place = `"${lat.toFixed(7)}","${lon.toFixed(7)}","${elevation.toFixed(1)}","${name}",`;
  const lines = [GSOD_HEADER.map((h) => `"${h}"`).join(',')];
  const start = Date.UTC(year, 0, 1);
  for (let day = 0; day < daysIn(year); day++) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const season = Math.cos(((day - 200) / 365) * 2 * Math.PI);
    const high = mean + swing * season + (rand() - 0.5) * 16;
    const low = high - 10 - rand() * 12;
    const temp = (high + low) / 2;
    // About 3% of days have no high, as in NOAA's files.
    const max = rand() < 0.03 ? '9999.9' : num(high, 6);
    const gust = rand() < 0.5 ? '999.9' : num(10 + rand() * 30, 5);
    lines.push(
      fixed +
        `"${date}",` +
        place +
        `"${num(temp, 6)}","24","${num(temp - 8 - rand() * 8, 6)}","24",` +
        `"${num(1000 + rand() * 30, 6)}","24","${num(900 + rand() * 90, 5)}","24",` +
        `"${num(5 + rand() * 5, 5)}","24","${num(rand() * 15, 5)}","24",` +
        `"${num(5 + rand() * 20, 5)}","${gust}",` +
        `"${max}","${rand() < 0.3 ? '*' : ' '}","${num(low, 6)}","${rand() < 0.3 ? '*' : ' '}",` +
        `"${num(rand() < 0.7 ? 0 : rand() * 2, 5, 2)}","G","999.9","${rand() < 0.2 ? '010000' : '000000'}"`,
    );
  }
  return lines.join('\n') + '\n';
}

/** What to generate. */
export interface DatasetOptions {
  out: string;
  stations: number;
  years: number;
  /** The first year (default 2020). */
  firstYear?: number;
  seed?: number;
  /** Only stations with `n % shards === shard` (to split the work across processes). */
  shard?: number;
  shards?: number;
}

/** Writes `<out>/<year>/<station>.csv` for every station and year; resolves with the files written. */
export function writeDataset(options: DatasetOptions): number {
  const firstYear = options.firstYear ?? 2020;
  const shards = options.shards ?? 1;
  let files = 0;
  for (let y = 0; y < options.years; y++) {
    const year = firstYear + y;
    const dir = join(options.out, String(year));
    mkdirSync(dir, { recursive: true });
    for (let n = options.shard ?? 0; n < options.stations; n += shards) {
      writeFileSync(join(dir, `${stationId(n)}.csv`), stationYear(n, year, options.seed));
      files++;
    }
  }
  return files;
}
