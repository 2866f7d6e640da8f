// Handler processes are started by the spawner (runtime/spawner.ts), not forked by eddy: eddy's event
// loop never waits for a fork. Their streams still reach eddy directly; they get only the environment
// the function defines; they end when eddy stops; and a spawner that dies costs no invocation.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnerHost } from '../../../src/services/functions/runtime/spawner-host.js';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

const NODE_HANDLER = [
  'export const handler = async (event) => {',
  "  console.log('hello from', process.pid);",
  '  return { pid: process.pid, ppid: process.ppid, env: Object.keys(process.env), echo: event };',
  '};',
].join('\n');
const PYTHON_HANDLER = [
  'import os',
  '',
  '',
  'def handler(event, context):',
  '    print("hello from", os.getpid())',
  '    return {"pid": os.getpid(), "ppid": os.getppid(), "env": list(os.environ), "echo": event}',
  '',
].join('\n');

type Answer = { pid: number; ppid: number; env: string[]; echo: unknown };

let dir: string;
let h: Harness | undefined;

beforeAll(async () => {
  dir = project({ 'node.mjs': NODE_HANDLER, 'py/app.py': PYTHON_HANDLER });
  // Set in eddy's process: a process started for a handler must not inherit it.
  process.env.EDDY_SPAWNER_TEST_SECRET = 'eddy-only';
  h = await startFunctions([
    fnModel('NodeSpawned', dir, { handler: 'node.handler', environment: { FROM_TEMPLATE: 'yes' } }),
    fnModel('PythonSpawned', `${dir}/py`, { handler: 'app.handler', runtime: 'python3.12' }),
  ]);
});

afterAll(async () => {
  delete process.env.EDDY_SPAWNER_TEST_SECRET;
  await h?.stop();
  cleanup(dir);
});

async function invoke(name: string, event: unknown): Promise<{ answer: Answer; logs: string }> {
  const result = await h!.service.invoke(name, event, { logType: 'Tail' });
  expect(result.functionError).toBeUndefined();
  return {
    answer: JSON.parse(result.payload) as Answer,
    logs: Buffer.from(result.logTail ?? '', 'base64').toString('utf8'),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The parent pid `ps` shows for `pid`, or undefined once it is gone (or a zombie). */
function psParent(pid: number): number | undefined {
  try {
    const [ppid, state] = execFileSync('ps', ['-o', 'ppid=,stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return state?.startsWith('Z') ? undefined : Number(ppid);
  } catch {
    return undefined;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && psParent(pid) !== undefined; i++) await new Promise((r) => setTimeout(r, 25));
  return psParent(pid) === undefined;
}

test.each(['NodeSpawned', 'PythonSpawned'])(
  '%s runs in a process the spawner started, talking to eddy directly',
  async (name) => {
    const { answer, logs } = await invoke(name, { n: 1 });
    expect(spawnerHost.pid).toBeDefined();
    expect(answer.ppid).toBe(spawnerHost.pid);
    expect(answer.ppid).not.toBe(process.pid);
    expect(psParent(answer.pid)).toBe(spawnerHost.pid);
    expect(answer.echo).toEqual({ n: 1 });
    expect(logs).toContain(`hello from ${answer.pid}`);
    // Only what the function defines plus Lambda's variables: nothing of eddy's or the spawner's own.
    expect(answer.env).not.toContain('EDDY_SPAWNER_TEST_SECRET');
    expect(answer.env).not.toContain('NODE_CHANNEL_FD');
    expect(answer.env).toContain('AWS_LAMBDA_FUNCTION_NAME');
    if (name === 'NodeSpawned') expect(answer.env).toContain('FROM_TEMPLATE');
    // Warm: the same process answers again.
    expect((await invoke(name, { n: 2 })).answer.pid).toBe(answer.pid);
  },
);

test('only eddy’s user can connect to its socket, and a hello without this run’s token is dropped', async () => {
  const path = spawnerHost.socketPath!;
  expect(statSync(path).mode & 0o777).toBe(0o600);
  const socket = connect(path);
  const ended = new Promise<string>((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
  });
  socket.write(`${JSON.stringify({ id: 'any', token: '00'.repeat(24), stream: 'ipc' })}\n`);
  expect(await ended).toBe('');
});

test('a spawner that dies costs no invocation: running handlers go on, new ones start anyway', async () => {
  const warm = (await invoke('NodeSpawned', { n: 3 })).answer;
  const spawner = spawnerHost.pid!;
  process.kill(spawner, 'SIGKILL');
  expect(await gone(spawner)).toBe(true);
  // The warm instance keeps its streams to eddy.
  expect((await invoke('NodeSpawned', { n: 4 })).answer.pid).toBe(warm.pid);
  // Concurrent invocations need new instances, forked by eddy or by the restarted spawner.
  const answers = await Promise.all([1, 2, 3].map((n) => invoke('PythonSpawned', { n })));
  expect(answers.map((a) => a.answer.echo)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  for (let i = 0; i < 200 && !spawnerHost.ready; i++) await new Promise((r) => setTimeout(r, 25));
  expect(spawnerHost.pid).not.toBe(spawner);
  expect(spawnerHost.ready).toBe(true);
});

test('stopping eddy ends the spawner and every handler process it started', async () => {
  const pids = [
    (await invoke('NodeSpawned', {})).answer.pid,
    (await invoke('PythonSpawned', {})).answer.pid,
    spawnerHost.pid!,
  ];
  expect(pids.every(alive)).toBe(true);
  await h!.stop();
  h = undefined;
  for (const pid of pids) expect(await gone(pid)).toBe(true);
});
