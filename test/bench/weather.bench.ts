// Weather benchmark (issue #7): the weather example's Distributed Map over 50,000 GSOD-shaped station
// files through a real eddy (in-process startEddy: local S3 over HTTP, map runs, handler processes),
// against a plain Node program that reads the same files with as many worker processes as eddy runs
// instances of the map function and computes the same averages. Target: eddy within 1.5x of it.
// Then the per-item cost of a map run whose children do nothing. EDDY_BENCH_WEATHER_FILES sets the file
// count (default 50,000); EDDY_BENCH_PROFILE=1 profiles eddy's main process during the run.
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_CONCURRENCY } from '../../src/services/functions/runtime/pool.js';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import type { MonthlyHigh } from '../../templates/weather/src/handlers/gsod.js';
import { runBaseline } from './weather/baseline.js';
import { measure, type PhaseCost } from './weather/cpu.js';
import { stationFiles } from './weather/dataset.js';
import { runExecution } from './weather/eddy-run.js';
import { profileMainProcess } from './weather/profile.js';

const REPO = join(import.meta.dirname, '../..');
const FILES = Number(process.env.EDDY_BENCH_WEATHER_FILES ?? 50_000);
// The example's ItemBatcher.MaxItemsPerBatch: the baseline's workers take batches of the same size.
const BATCH = 100;
const NOOP_ITEMS = 10_000;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function describeCost(name: string, cost: PhaseCost): string {
  const tree = cost.treeCpuMs === undefined ? '' : `, with its processes ${seconds(cost.treeCpuMs)} CPU`;
  return `  ${name.padEnd(26)} ${seconds(cost.wallMs).padStart(8)} wall, main process ${seconds(cost.selfCpuMs)} CPU${tree}`;
}

/** Both answers must agree to the hundredth of a degree, or the comparison means nothing. */
function checkSame(eddy: MonthlyHigh[], baseline: MonthlyHigh[]): void {
  const a = JSON.stringify(eddy.map((m) => [m.month, m.averageHighF, m.days]));
  const b = JSON.stringify(baseline.map((m) => [m.month, m.averageHighF, m.days]));
  if (a !== b) throw new Error(`eddy and the baseline disagree:\n${a}\n${b}`);
}

function sfnClient(eddy: RunningEddy): SFNClient {
  return new SFNClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
  });
}

/** A map run of `NOOP_ITEMS` items whose children are a Pass state. */
async function noopMapRun(eddy: RunningEddy, sfn: SFNClient): Promise<void> {
  const machine = (type: 'EXPRESS' | 'STANDARD') =>
    sfn.send(
      new CreateStateMachineCommand({
        name: `noop-map-${type.toLowerCase()}`,
        roleArn: 'arn:aws:iam::000000000000:role/bench',
        definition: JSON.stringify({
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              ItemsPath: '$.items',
              MaxConcurrency: 1000,
              ItemProcessor: {
                ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
                StartAt: 'Nothing',
                States: { Nothing: { Type: 'Pass', End: true } },
              },
              ResultPath: null,
              End: true,
            },
          },
        }),
      }),
    );
  const items = Array.from({ length: NOOP_ITEMS }, (_, i) => i);
  for (const type of ['EXPRESS', 'STANDARD'] as const) {
    const { stateMachineArn } = await machine(type);
    const { cost } = await measure(() => runExecution(sfn, stateMachineArn!, { items }));
    process.stdout.write(
      `  no-op ${type} children: ${NOOP_ITEMS.toLocaleString('en-US')} items in ${seconds(cost.wallMs)} → ` +
        `${((cost.wallMs * 1000) / NOOP_ITEMS).toFixed(0)} µs per item (main process ${((cost.selfCpuMs * 1000) / NOOP_ITEMS).toFixed(0)} µs CPU per item)\n`,
    );
  }
}

/** Runs the benchmark. */
export default async function run(): Promise<void> {
  const data = await stationFiles(FILES);
  const eddy = await startEddy({
    template: join(REPO, 'templates/weather/template.yaml'),
    buckets: { StationsBucket: data },
  });
  const sfn = sfnClient(eddy);
  try {
    // As many baseline workers as eddy runs instances of the map function.
    const mapFunction = eddy.app.functions.find((f) => f.logicalId === 'MapFunction')!;
    const workers = mapFunction.reservedConcurrency ?? DEFAULT_CONCURRENCY;
    process.stdout.write(
      `weather: ${FILES.toLocaleString('en-US')} station files, batches of ${BATCH}, ${workers} workers / handler instances\n`,
    );
    const first = await measure(() => runBaseline(data, workers, BATCH));
    process.stdout.write(describeCost('plain Node baseline', first.cost) + '\n');

    const machine = eddy.app.stateMachines.find((m) => m.logicalId === 'MonthlyHighs')!.arn;
    // Warm-up on one small prefix: builds the handlers and starts instances, as a dev loop would have.
    await runExecution(sfn, machine, { prefix: '2017/10000' });
    const profile = process.env.EDDY_BENCH_PROFILE ? await profileMainProcess() : undefined;
    const measured = await measure(() => runExecution(sfn, machine, {}));
    const answer = measured.result as { months: MonthlyHigh[]; files: number };
    process.stdout.write(describeCost('eddy (weather example)', measured.cost) + '\n');
    if (profile) process.stdout.write(await profile.stop());

    const second = await measure(() => runBaseline(data, workers, BATCH));
    process.stdout.write(describeCost('plain Node baseline again', second.cost) + '\n');
    if (answer.files !== FILES || first.result.files !== FILES)
      throw new Error(`files read: eddy ${answer.files}, baseline ${first.result.files}, expected ${FILES}`);
    checkSame(answer.months, first.result.months);

    const limit = Math.min(first.cost.wallMs, second.cost.wallMs);
    const ratio = measured.cost.wallMs / limit;
    process.stdout.write(
      `  → eddy ${ratio.toFixed(2)}x the plain Node baseline in wall time (target ≤ 1.5x): ${ratio <= 1.5 ? 'met' : 'MISSED'}; ` +
        `${((measured.cost.wallMs * 1000) / FILES).toFixed(0)} µs per file vs ${((limit * 1000) / FILES).toFixed(0)} µs\n`,
    );
    const baselineCpu = Math.min(first.cost.treeCpuMs ?? Infinity, second.cost.treeCpuMs ?? Infinity);
    if (measured.cost.treeCpuMs !== undefined && Number.isFinite(baselineCpu)) {
      const handlersCpu = measured.cost.treeCpuMs - measured.cost.selfCpuMs;
      process.stdout.write(
        `  → eddy ${(measured.cost.treeCpuMs / baselineCpu).toFixed(2)}x the baseline in CPU (steadier on a shared machine): ` +
          `${((measured.cost.treeCpuMs * 1000) / FILES).toFixed(0)} µs per file vs ${((baselineCpu * 1000) / FILES).toFixed(0)} µs; ` +
          `eddy's main process ${((measured.cost.selfCpuMs * 1000) / FILES).toFixed(0)} µs, handler instances ${((handlersCpu * 1000) / FILES).toFixed(0)} µs\n`,
      );
    }
    await noopMapRun(eddy, sfn);
  } finally {
    sfn.destroy();
    await eddy.stop();
  }
}
