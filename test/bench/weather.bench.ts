// Weather benchmark (issue #7): the weather example's Distributed Map over 50,000 GSOD-shaped station
// files through a real eddy (in-process startEddy: local S3 over HTTP, map runs, handler processes),
// against two baselines with as many worker processes as eddy runs instances of the map function, both
// computing the same averages: a plain Node program reading the files from disk (issue #7's target:
// eddy within 1.5x of it), and the SDK floor, where each worker runs the example's map handler itself
// (@aws-sdk/client-s3 GetObject per file, as the issue requires) against a bare HTTP file server: what
// any emulator serving this handler costs at least. Then the per-item cost of a map run whose children do
// nothing. EDDY_BENCH_WEATHER_FILES sets the file count (default 50,000); EDDY_BENCH_PROFILE=1 profiles
// eddy's main process during the run.
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_CONCURRENCY } from '../../src/services/functions/runtime/pool.js';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import type { MonthlyHigh } from '../../templates/weather/src/handlers/gsod.js';
import { runBaseline, type BaselineKind, type BaselineResult } from './weather/baseline.js';
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

/** Per-file µs of `ms` over the run's files. */
function perFile(ms: number): string {
  return `${((ms * 1000) / FILES).toFixed(0)} µs`;
}

type Measured = { result: BaselineResult; cost: PhaseCost };

/**
 * Eddy against both baselines, each taken as the cheaper of its two runs: wall time (noisy on a shared
 * machine) and CPU of every process involved, split into its parts per file.
 */
function compare(eddy: PhaseCost, plain: Measured[], sdk: Measured[]): string {
  const best = (runs: Measured[], of: (c: PhaseCost) => number) => Math.min(...runs.map((r) => of(r.cost)));
  const tree = (c: PhaseCost) => c.treeCpuMs ?? NaN;
  const sdkBest = sdk.reduce((a, b) => (tree(b.cost) < tree(a.cost) ? b : a));
  const serverMs = sdkBest.result.serverCpuMs ?? NaN;
  const lines = [
    `  per file, CPU: plain baseline ${perFile(best(plain, tree))}; SDK floor ${perFile(tree(sdkBest.cost))} ` +
      `(workers ${perFile(tree(sdkBest.cost) - serverMs)}, file server ${perFile(serverMs)}); ` +
      `eddy ${perFile(tree(eddy))} (main process ${perFile(eddy.selfCpuMs)}, handler instances ${perFile(tree(eddy) - eddy.selfCpuMs)})`,
  ];
  for (const [name, runs] of [
    ['plain Node baseline', plain],
    ['SDK-floor baseline', sdk],
  ] as const) {
    const wall = eddy.wallMs / best(runs, (c) => c.wallMs);
    const cpu = tree(eddy) / best(runs, tree);
    lines.push(
      `  → eddy ${wall.toFixed(2)}x the ${name} in wall time, ${cpu.toFixed(2)}x in CPU` +
        (name === 'plain Node baseline' ? ` (target ≤ 1.5x: ${wall <= 1.5 ? 'met' : 'MISSED'})` : ''),
    );
  }
  return lines.map((l) => l + '\n').join('');
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
    // No trace listener, as in `eddy dev` without a tail client (the test helper's keeps every record).
    traceRecords: false,
  });
  const sfn = sfnClient(eddy);
  try {
    // As many baseline workers as eddy runs instances of the map function.
    const mapFunction = eddy.app.functions.find((f) => f.logicalId === 'MapFunction')!;
    const workers = mapFunction.reservedConcurrency ?? DEFAULT_CONCURRENCY;
    process.stdout.write(
      `weather: ${FILES.toLocaleString('en-US')} station files, batches of ${BATCH}, ${workers} workers / handler instances\n`,
    );
    const baseline = (kind: BaselineKind) => measure(() => runBaseline(kind, data, workers, BATCH));
    const plain = [await baseline('plain')];
    process.stdout.write(describeCost('plain Node baseline', plain[0].cost) + '\n');
    const sdk = [await baseline('sdk')];
    process.stdout.write(describeCost('SDK-floor baseline', sdk[0].cost) + '\n');

    const machine = eddy.app.stateMachines.find((m) => m.logicalId === 'MonthlyHighs')!.arn;
    // Warm-up on one small prefix: builds the handlers and starts instances, as a dev loop would have.
    await runExecution(sfn, machine, { prefix: '2017/10000' });
    const profile = process.env.EDDY_BENCH_PROFILE ? await profileMainProcess() : undefined;
    const measured = await measure(() => runExecution(sfn, machine, {}));
    const answer = measured.result as { months: MonthlyHigh[]; files: number };
    process.stdout.write(describeCost('eddy (weather example)', measured.cost) + '\n');
    if (profile) process.stdout.write(await profile.stop());

    plain.push(await baseline('plain'));
    process.stdout.write(describeCost('plain Node baseline again', plain[1].cost) + '\n');
    sdk.push(await baseline('sdk'));
    process.stdout.write(describeCost('SDK-floor baseline again', sdk[1].cost) + '\n');
    for (const [name, files] of [
      ['eddy', answer.files],
      ...[...plain, ...sdk].map((b) => ['a baseline', b.result.files]),
    ])
      if (files !== FILES) throw new Error(`files read: ${name} ${files}, expected ${FILES}`);
    for (const b of [...plain, ...sdk]) checkSame(answer.months, b.result.months);
    process.stdout.write(compare(measured.cost, plain, sdk));
    await noopMapRun(eddy, sfn);
  } finally {
    sfn.destroy();
    await eddy.stop();
  }
}
