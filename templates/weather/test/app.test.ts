// Runs the example in eddy, in-process: generates 40 station files into a temporary folder, serves it as
// the stations bucket, runs the state machine and checks the average high per month against a direct
// computation over the same files.
import { SFNClient, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from 'eddy/testing';
import { writeDataset } from '../scripts/gsod-data.js';

const data = mkdtempSync(join(tmpdir(), 'weather-data-'));
let eddy: RunningEddy;
let sfn: SFNClient;

beforeAll(async () => {
  writeDataset({ out: data, stations: 40, years: 1 });
  eddy = await startEddy({ template: 'template.yaml', buckets: { StationsBucket: data } });
  sfn = new SFNClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterAll(async () => {
  sfn?.destroy();
  await eddy?.stop();
  rmSync(data, { recursive: true, force: true });
});

/** The same answer the slow way: every file, every row, no S3 and no Step Functions. */
function direct(dir: string): Map<string, number> {
  const sums = new Map<string, { sum: number; days: number }>();
  for (const year of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, year))) {
      const [header, ...rows] = readFileSync(join(dir, year, file), 'utf8')
        .trim()
        .split('\n');
      const max = header.split(',').indexOf('"MAX"');
      for (const row of rows) {
        const fields = row.slice(1, -1).split('","');
        // NAME holds a comma inside its quotes, so split on '","', never on ','.
        const high = fields[max];
        if (high.trim() === '9999.9') continue;
        const s = sums.get(fields[1].slice(0, 7)) ?? { sum: 0, days: 0 };
        s.sum += Number(high);
        s.days++;
        sums.set(fields[1].slice(0, 7), s);
      }
    }
  }
  return new Map([...sums].map(([month, s]) => [month, s.sum / s.days]));
}

test('the average high per month matches a direct computation', async () => {
  const { executionArn } = await eddy.startExecution('MonthlyHighs', {});
  let run;
  do {
    await new Promise((r) => setTimeout(r, 100));
    run = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } while (run.status === 'RUNNING');
  expect(run.status, run.cause).toBe('SUCCEEDED');
  const answer = JSON.parse(run.output!) as {
    files: number;
    months: { month: string; averageHighF: number }[];
  };
  expect(answer.files).toBe(40);
  const expected = direct(data);
  expect(answer.months).toHaveLength(expected.size);
  for (const { month, averageHighF } of answer.months)
    expect(averageHighF).toBeCloseTo(expected.get(month)!, 2);
}, 60_000);
