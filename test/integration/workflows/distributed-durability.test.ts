// kill -9 during a STANDARD execution's Distributed Map, then a restart on the same state folder: the
// map run resumes, children that had succeeded are not run again (the handler logs every item id it is
// called with), unfinished ones run again, and the parent ends with the same result as an uninterrupted run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { REPO, tempDir } from '../../helpers/temp.js';
import { clientConfig, settled, startWorkflows } from './harness.js';
import { items, mapProject, mapState } from './distributed-project.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:fanout';

test('kill -9 during a map run, then restart: succeeded children are not run again', async () => {
  const project = mapProject({
    StartAt: 'Each',
    States: {
      Each: mapState('STANDARD', { MaxConcurrency: 3, Next: 'Count' }),
      Count: { Type: 'Pass', End: true },
    },
  });
  const state = tempDir('eddy-dmap-state-');
  // eddy in a child process (the test's own sources through tsx), killed with SIGKILL below.
  const serve = join(project.dir, 'serve.mts');
  writeFileSync(
    serve,
    `import { startEddy } from ${JSON.stringify(join(REPO, 'src/testing/index.ts'))};
const eddy = await startEddy({ state: process.argv[2], template: process.argv[3] });
process.stdout.write(eddy.endpoint + '\\n');
setInterval(() => undefined, 60_000);
`,
  );
  const child = execa('node', ['--import', 'tsx', serve, state, project.template], {
    cwd: REPO,
    reject: false,
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => reject(new Error(`eddy exited early: ${stderr}`)));
  });
  const sfn = new SFNClient(clientConfig(endpoint));
  const input = { items: items(12, 300) };
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'survives', input: JSON.stringify(input) }),
  );
  let mapRunArn: string | undefined;
  for (let succeeded = 0; succeeded < 4; await new Promise((r) => setTimeout(r, 20))) {
    mapRunArn ??= (await sfn.send(new ListMapRunsCommand({ executionArn })))?.mapRuns?.[0]?.mapRunArn;
    if (mapRunArn)
      succeeded = (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).itemCounts!.succeeded!;
  }
  const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'SUCCEEDED' }));
  const before: string[] = [];
  for (const e of executions!) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
    before.push((JSON.parse(d.input!) as { id: string }).id);
  }
  child.kill('SIGKILL');
  await child;
  sfn.destroy();
  expect(before.length).toBeGreaterThanOrEqual(4);
  expect(before.length).toBeLessThan(12);

  const h = await startWorkflows({ state, template: project.template });
  try {
    const done = await settled(h.sfn, executionArn!, 20_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(
      input.items.map((i) => ({ id: (i as { id: string }).id, doubled: (i as { n: number }).n * 2 })),
    );
    const calls = project.calls();
    for (const id of before) expect(calls.filter((c) => c === id)).toHaveLength(1);
    for (const item of input.items) expect(calls).toContain((item as { id: string }).id);
    const run = await h.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run.status).toBe('SUCCEEDED');
    expect(run.itemCounts).toMatchObject({ succeeded: 12, failed: 0, running: 0, pending: 0, total: 12 });
    const { executions: children } = await h.sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(children).toHaveLength(12);
    expect(children!.every((c) => c.status === 'SUCCEEDED')).toBe(true);
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(events!.map((e) => e.id)).toEqual(events!.map((_, i) => i + 1));
    const started = events!.filter((e) => e.type === 'MapRunStarted');
    expect(started.every((e) => e.mapRunStartedEventDetails!.mapRunArn === mapRunArn)).toBe(true);
    expect(events!.at(-1)!.type).toBe('ExecutionSucceeded');
  } finally {
    await h.stop();
  }
}, 30_000);

test('stopped during a map run of EXPRESS children, restarted: their recorded outcomes are kept', async () => {
  const project = mapProject({
    StartAt: 'Each',
    States: { Each: mapState('EXPRESS', { MaxConcurrency: 2 }) },
  });
  const state = tempDir('eddy-dmap-state-');
  const first = await startWorkflows({ state, template: project.template });
  const input = { items: items(8, 250) };
  const { executionArn } = await first.sfn.send(
    new StartExecutionCommand({ stateMachineArn: MACHINE, input: JSON.stringify(input) }),
  );
  let mapRunArn: string | undefined;
  for (let succeeded = 0; succeeded < 3; await new Promise((r) => setTimeout(r, 20))) {
    mapRunArn ??= (await first.sfn.send(new ListMapRunsCommand({ executionArn })))?.mapRuns?.[0]?.mapRunArn;
    if (mapRunArn)
      succeeded = (await first.sfn.send(new DescribeMapRunCommand({ mapRunArn }))).itemCounts!.succeeded!;
  }
  await first.stop();
  const callsBefore = project.calls().length;

  const second = await startWorkflows({ state, template: project.template });
  try {
    const done = await settled(second.sfn, executionArn!, 15_000);
    expect(done.status).toBe('SUCCEEDED');
    expect((JSON.parse(done.output!) as { id: string }[]).map((o) => o.id)).toEqual(
      input.items.map((i) => (i as { id: string }).id),
    );
    // At least the three that had succeeded were not called again.
    expect(project.calls().length - callsBefore).toBeLessThanOrEqual(8 - 3);
    const run = await second.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    expect(run.itemCounts).toMatchObject({ succeeded: 8, total: 8, aborted: 0 });
  } finally {
    await second.stop();
  }
}, 30_000);
