// Workflows benchmark: state transitions per second for a long Pass chain and an inline Map of 10,000
// items, side by side in the same run with the aws-local-stepfunctions package on the same definitions.
// eddy runs them through its real service and API: EXPRESS with StartSyncExecution (history and trace
// records in memory), STANDARD with StartExecution on a state folder (transitions and history committed
// to SQLite, then polled with DescribeExecution). The bare engine is shown too. Each figure is the best
// of ROUNDS interleaved runs after a warm-up run, so a busy machine slows every contender alike; the
// best CPU time of each (the whole process's: client and server share it) is printed beside it.
// aws-local-stepfunctions keeps no history and publishes nothing: through the API, eddy's figures also
// pay for AWS's history events, a trace record per top-level event (stored in the trace log), the SDK's
// HTTP round trips and, for STANDARD, the history and transitions committed to SQLite (once per turn and
// before anything leaves the execution); the engine line isolates the interpreter (history included).
// The floor line is the SDK's StartSyncExecution round trip to a bare server with no engine behind it
// (sfn-floor.ts): the most any emulator reached through the API could score on a case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { parseDefinition, startExecution } from '../../src/services/workflows/index.js';
import { startEddy } from '../../src/testing/index.js';
import { startFloorServer } from './sfn-floor.js';

const CHAIN = Number(process.env.SFN_CHAIN ?? 1000);
const ITEMS = Number(process.env.SFN_ITEMS ?? 10_000);
const ROUNDS = Number(process.env.SFN_ROUNDS ?? 7);
// The issue's target: eddy at least 5x aws-local-stepfunctions' throughput.
const TARGET = 5;

function chain(): object {
  const States: Record<string, object> = {};
  for (let i = 0; i < CHAIN; i++)
    States[`S${i}`] = i === CHAIN - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  return { StartAt: 'S0', States };
}

function map(): object {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Pass', End: true } } },
        ResultPath: null,
        End: true,
      },
    },
  };
}

interface Case {
  name: string;
  definition: object;
  input: object;
  /** States entered in one execution. */
  transitions: number;
}

const cases: Case[] = [
  {
    name: `Pass chain of ${CHAIN.toLocaleString('en-US')}`,
    definition: chain(),
    input: {},
    transitions: CHAIN,
  },
  {
    name: `inline Map of ${ITEMS.toLocaleString('en-US')}`,
    definition: map(),
    input: { items: Array.from({ length: ITEMS }, (_, i) => i) },
    transitions: ITEMS + 1,
  },
];

type Runner = () => Promise<void>;

/** Wall-clock and CPU milliseconds of one run (CPU: the whole process, so the server's work counts). */
async function timed(run: Runner): Promise<{ ms: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  // What eddy defers to the end of the turn (trace records, commits) is part of the run's cost.
  await new Promise((resolve) => setImmediate(resolve));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1000 };
}

/** The contenders for one case: name → one execution, start to result. */
async function contenders(
  c: Case,
  sfn: SFNClient,
  floor: SFNClient,
  index: number,
): Promise<[string, Runner][]> {
  const input = JSON.stringify(c.input);
  const definition = JSON.stringify(c.definition);
  const create = async (type: 'EXPRESS' | 'STANDARD') =>
    (
      await sfn.send(
        new CreateStateMachineCommand({
          name: `bench${index}-${type}`,
          type,
          roleArn: 'arn:aws:iam::000000000000:role/bench',
          definition,
        }),
      )
    ).stateMachineArn!;
  const express = await create('EXPRESS');
  const standard = await create('STANDARD');
  const parsed = parseDefinition(definition);
  // Built (and validated) once, as eddy validates once in CreateStateMachine: only runs are timed.
  const baseline = new StateMachine(c.definition as never);
  return [
    ['aws-local-stepfunctions', () => baseline.run(c.input as never).result.then(() => undefined)],
    [
      FLOOR,
      async () => {
        await floor.send(new StartSyncExecutionCommand({ stateMachineArn: express, input }));
      },
    ],
    [
      'eddy engine alone',
      async () => {
        const r = await startExecution(parsed, c.input, { type: 'EXPRESS' }).result;
        if (r.status !== 'SUCCEEDED') throw new Error(`engine ${c.name}: ${r.status} ${r.cause}`);
      },
    ],
    [
      'eddy EXPRESS (API)',
      async () => {
        const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input }));
        if (r.status !== 'SUCCEEDED') throw new Error(`EXPRESS ${c.name}: ${r.status} ${r.cause}`);
      },
    ],
    [
      'eddy STANDARD (API, durable)',
      async () => {
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({ stateMachineArn: standard, input }),
        );
        for (;;) {
          const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          if (d.status === 'SUCCEEDED') return;
          if (d.status !== 'RUNNING') throw new Error(`STANDARD ${c.name}: ${d.status} ${d.cause}`);
          await new Promise((r) => setTimeout(r, 2));
        }
      },
    ],
  ];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** The SDK's round trip to a bare server (sfn-floor.ts): the most an emulator behind the API can score. */
const FLOOR = 'floor: SDK call, bare server';

/** Runs the benchmark. */
export default async function run(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'eddy-bench-sfn-'));
  // No trace listener, as in `eddy dev` without a tail client: the test helper's would build every record.
  const eddy = await startEddy({ state, traceRecords: false });
  const client = (endpoint: string) =>
    new SFNClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      disableHostPrefix: true,
    });
  const sfn = client(eddy.endpoint);
  const floorServer = await startFloorServer();
  const floor = client(floorServer.endpoint);
  const misses: string[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      const runners = await contenders(c, sfn, floor, i);
      const best = new Map<string, number>();
      const bestCpu = new Map<string, number>();
      // Round 0 warms every contender up (JIT, SQLite pages) and is not counted.
      for (let round = 0; round <= ROUNDS; round++) {
        for (const [name, runner] of runners) {
          const { ms, cpu } = await timed(runner);
          if (round === 0) continue;
          best.set(name, Math.min(best.get(name) ?? Infinity, ms));
          bestCpu.set(name, Math.min(bestCpu.get(name) ?? Infinity, cpu));
        }
      }
      const baselineMs = best.get('aws-local-stepfunctions')!;
      process.stdout.write(`${c.name} (${fmt(c.transitions)} transitions, best of ${ROUNDS})\n`);
      for (const [name] of runners) {
        const ms = best.get(name)!;
        const rate = `${fmt((c.transitions / ms) * 1000)} transitions/s`.padStart(22);
        const ratio = baselineMs / ms;
        const vs = name === 'aws-local-stepfunctions' ? 'baseline' : `${ratio.toFixed(1)}x`;
        // CPU time too: on a shared machine, wall-clock time mostly measures the other processes.
        const cpu = `${bestCpu.get(name)!.toFixed(1)} ms CPU`.padStart(13);
        process.stdout.write(
          `  ${name.padEnd(30)}${rate}  ${`${ms.toFixed(0)} ms`.padStart(8)}${cpu}  ${vs}\n`,
        );
        if (name.includes('(API') && ratio < TARGET) misses.push(`${c.name}, ${name}: ${ratio.toFixed(1)}x`);
      }
      const ceiling = baselineMs / best.get(FLOOR)!;
      if (ceiling < TARGET)
        process.stdout.write(
          `  (the floor alone is ${ceiling.toFixed(1)}x: no emulator behind the API can reach ${TARGET}x on this case)\n`,
        );
    }
    process.stdout.write(
      misses.length === 0
        ? `every eddy figure through the API is at least ${TARGET}x aws-local-stepfunctions\n`
        : `below the ${TARGET}x target: ${misses.join('; ')}\n`,
    );
  } finally {
    sfn.destroy();
    floor.destroy();
    floorServer.close();
    await eddy.stop();
    rmSync(state, { recursive: true, force: true });
  }
}
