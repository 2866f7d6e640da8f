// Workflows benchmark: state transitions per second through the running service (API in, history,
// trace records, and for STANDARD the store) for a long Pass chain and an inline Map of 10,000 items,
// EXPRESS and STANDARD side by side. The engine-only comparison with aws-local-stepfunctions runs when
// that package is installed.
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
import { parseDefinition, startExecution } from '../../src/services/workflows/index.js';
import { startEddy } from '../../src/testing/index.js';

const CHAIN = 2000;
const ITEMS = 10_000;

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

const cases = [
  { name: `Pass chain of ${CHAIN}`, definition: chain(), input: {}, transitions: CHAIN },
  {
    name: `inline Map of ${ITEMS}`,
    definition: map(),
    input: { items: Array.from({ length: ITEMS }, (_, i) => i) },
    transitions: ITEMS + 1,
  },
];

function rate(transitions: number, ms: number): string {
  return `${Math.round((transitions / ms) * 1000).toLocaleString('en-US')} transitions/s (${ms.toFixed(0)} ms)`;
}

async function baseline(definition: object, input: object): Promise<number | undefined> {
  try {
    const name = 'aws-local-stepfunctions';
    const mod = (await import(name)) as {
      StateMachine: new (d: object) => { run(i: object): { result: Promise<unknown> } };
    };
    const start = performance.now();
    await new mod.StateMachine(definition).run(input).result;
    return performance.now() - start;
  } catch {
    return undefined;
  }
}

/** Runs the benchmark. */
export default async function run(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'eddy-bench-sfn-'));
  const eddy = await startEddy({ state });
  const sfn = new SFNClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
  });
  try {
    for (const [i, c] of cases.entries()) {
      const input = JSON.stringify(c.input);
      const create = (type: 'EXPRESS' | 'STANDARD') =>
        sfn.send(
          new CreateStateMachineCommand({
            name: `b${i}-${type}`,
            type,
            roleArn: 'arn:aws:iam::000000000000:role/b',
            definition: JSON.stringify(c.definition),
          }),
        );
      const express = (await create('EXPRESS')).stateMachineArn!;
      const standard = (await create('STANDARD')).stateMachineArn!;
      let start = performance.now();
      const sync = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input }));
      if (sync.status !== 'SUCCEEDED') throw new Error(`EXPRESS ${c.name}: ${sync.status} ${sync.cause}`);
      const expressMs = performance.now() - start;
      start = performance.now();
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: standard, input }),
      );
      for (;;) {
        const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (d.status === 'SUCCEEDED') break;
        if (d.status !== 'RUNNING') throw new Error(`STANDARD ${c.name}: ${d.status} ${d.cause}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const standardMs = performance.now() - start;
      start = performance.now();
      await startExecution(parseDefinition(JSON.stringify(c.definition)), c.input).result;
      const engineMs = performance.now() - start;
      const other = await baseline(c.definition, c.input);
      process.stdout.write(
        `${c.name}\n  engine alone     ${rate(c.transitions, engineMs)}\n  EXPRESS (API)    ${rate(c.transitions, expressMs)}\n  STANDARD (API)   ${rate(c.transitions, standardMs)}\n` +
          (other === undefined
            ? '  aws-local-stepfunctions: not installed (add it as a devDependency for the side-by-side figure)\n'
            : `  aws-local-stepfunctions ${rate(c.transitions, other)} → eddy engine ${(other / engineMs).toFixed(1)}x\n`),
      );
    }
  } finally {
    sfn.destroy();
    await eddy.stop();
    rmSync(state, { recursive: true, force: true });
  }
}
