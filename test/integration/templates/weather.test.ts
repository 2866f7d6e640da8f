// The weather example (templates/weather) run in-process from this checkout: generated GSOD-shaped
// station files in a mapped bucket, the Distributed Map lists and batches them, the map function reads
// them with @aws-sdk/client-s3, ResultWriter stores the batches and the reduce function averages them.
// The answer must equal a direct computation over the same files.
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { writeDataset } from '../../../templates/weather/scripts/gsod-data.js';
import { REPO, tempDir } from '../../helpers/temp.js';
import { referenceMonthlyHighs } from './weather-reference.js';

interface MonthlyHigh {
  month: string;
  averageHighF: number;
  days: number;
}
interface Answer {
  months: MonthlyHigh[];
  files: number;
  batches: number;
  failedBatches: number;
}

const data = tempDir('eddy-weather-data-');
let eddy: RunningEddy;
let sfn: SFNClient;

beforeAll(async () => {
  // 120 stations over two years: 240 files in 3 batches (MaxItemsPerBatch 100); a prefix picks a year.
  writeDataset({ out: data, stations: 120, years: 2, firstYear: 2020 });
  eddy = await startEddy({
    template: join(REPO, 'templates/weather/template.yaml'),
    buckets: { StationsBucket: data },
  });
  sfn = new SFNClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
  });
}, 60_000);
afterAll(async () => {
  sfn?.destroy();
  await eddy?.stop();
});

async function run(input: object): Promise<Answer> {
  const { executionArn } = await eddy.startExecution('MonthlyHighs', input);
  let described;
  do {
    await new Promise((r) => setTimeout(r, 50));
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } while (described.status === 'RUNNING');
  expect(described.status, `${described.error}: ${described.cause}`).toBe('SUCCEEDED');
  return JSON.parse(described.output!) as Answer;
}

function expectMatches(answer: Answer, dir: string): void {
  const reference = referenceMonthlyHighs(dir);
  expect(answer.months.map((m) => m.month)).toEqual([...reference.keys()].sort());
  for (const m of answer.months) {
    const r = reference.get(m.month)!;
    expect(m.days).toBe(r.days);
    expect(m.averageHighF).toBeCloseTo(r.average, 2);
  }
}

test('the average high per month equals a direct computation over the files', async () => {
  const answer = await run({});
  expect(answer.files).toBe(240);
  expect(answer.batches).toBe(3);
  expect(answer.failedBatches).toBe(0);
  expect(answer.months).toHaveLength(24);
  expectMatches(answer, data);
}, 60_000);

test('a prefix limits the run to one year', async () => {
  const answer = await run({ prefix: '2021/' });
  expect(answer.files).toBe(120);
  expect(answer.months.every((m) => m.month.startsWith('2021-'))).toBe(true);
  expectMatches(answer, join(data, '2021'));
}, 60_000);
