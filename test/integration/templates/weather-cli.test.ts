// `eddy workflows start --wait` on the weather example, through the CLI as users run it: piped (not a
// terminal) it draws no progress bar and ends with one counts line per map run; --json returns the
// map runs' counts as data. The machine is named by its template logical id.
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { writeDataset } from '../../../templates/weather/scripts/gsod-data.js';
import { REPO, tempDir } from '../../helpers/temp.js';

const data = tempDir('eddy-weather-cli-');
let eddy: RunningEddy;

beforeAll(async () => {
  writeDataset({ out: data, stations: 60, years: 1 });
  eddy = await startEddy({
    template: join(REPO, 'templates/weather/template.yaml'),
    buckets: { StationsBucket: data },
  });
}, 60_000);
afterAll(() => eddy?.stop());

function cli(args: string[]) {
  return execa(process.execPath, ['--import', 'tsx', join(REPO, 'bin/dev.js'), ...args], {
    reject: false,
    env: { NO_COLOR: '1' },
  });
}

test('piped, --wait prints the final counts of the map run and no progress bar', async () => {
  const run = await cli(['workflows', 'start', 'MonthlyHighs', '--wait', '--endpoint', eddy.endpoint]);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  const line = run.stdout.split('\n').find((l) => l.includes(' map run '));
  // The run is named after the Map state's Label (or its name), and every item ended, none failed.
  expect(line).toMatch(/^ {2}(Stations|SumHighsPerBatch) map run SUCCEEDED: (\d+)\/\2 items, 0 failed in /);
  expect(run.stdout).not.toMatch(/[█░]/);
  expect(stripVTControlCharacters(run.stdout)).toBe(run.stdout);
  expect(run.stdout).toContain('"averageHighF"');
}, 60_000);

test('--json returns the map runs with their counts and draws nothing', async () => {
  const run = await cli([
    'workflows',
    'start',
    'MonthlyHighs',
    '--wait',
    '--json',
    '--endpoint',
    eddy.endpoint,
  ]);
  expect(run.exitCode).toBe(0);
  const result = JSON.parse(run.stdout) as {
    status: string;
    mapRuns: { status: string; total: number; succeeded: number; failed: number }[];
  };
  expect(result.status).toBe('SUCCEEDED');
  expect(result.mapRuns).toHaveLength(1);
  expect(result.mapRuns[0]).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
  expect(result.mapRuns[0].succeeded).toBe(result.mapRuns[0].total);
}, 60_000);

test('eddy tail renders a map-run progress record as one progress line', async () => {
  const { formatTraceRecord } = await import('../../../src/cli/format-trace.js');
  // Colours off whatever the terminal: the test reads the text.
  const line = stripVTControlCharacters(
    formatTraceRecord({
      seq: 1,
      time: '2026-01-01T00:00:10.000Z',
      kind: 'map-run',
      traceId: 'abcdef0123',
      resource: 'arn:aws:states:us-east-1:000000000000:mapRun:weather-monthly-highs/Stations:1',
      payload: {
        status: 'RUNNING',
        stateName: 'Stations',
        startDate: Date.now() - 10_000,
        itemCounts: { total: 500, succeeded: 118, failed: 2, timedOut: 0, aborted: 0, running: 100 },
      },
    }),
  );
  expect(line).toContain('Stations ▕███░░░░░░░░░▏ 120/500 items 24% · 2 failed · ');
  expect(line).toMatch(/ · 1\d\/s · ETA \d+(\.\d)? s$/);
});
