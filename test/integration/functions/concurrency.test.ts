// Instances: one invocation at a time each, a new one per concurrent invocation up to the function's
// concurrency, queueing past it; logs and trace records per request id.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

const SLOW = `
export const handler = async (event: { ms: number; tag: string }) => {
  console.log('start', event.tag);
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  process.stdout.write('raw ' + event.tag + '\\n');
  console.error('done', event.tag);
  return { pid: process.pid, tag: event.tag };
};
`;

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({ 'slow.ts': SLOW });
  h = await startFunctions([
    fnModel('Wide', dir, { handler: 'slow.handler' }),
    fnModel('Narrow', dir, { handler: 'slow.handler', reservedConcurrency: 2 }),
  ]);
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

async function parallel(name: string, n: number, ms: number) {
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => h.service.invoke(name, { ms, tag: `t${i}` })),
  );
  return results.map((r) => JSON.parse(r.payload) as { pid: number; tag: string });
}

test('N parallel invocations start N instances', async () => {
  const bodies = await parallel('Wide', 4, 300);
  expect(new Set(bodies.map((b) => b.pid)).size).toBe(4);
  // Warm now: the next round reuses the same four instances.
  const again = await parallel('Wide', 4, 50);
  expect(new Set([...bodies, ...again].map((b) => b.pid)).size).toBe(4);
});

test('ReservedConcurrentExecutions caps instances; extra invocations wait their turn', async () => {
  const started = Date.now();
  const bodies = await parallel('Narrow', 5, 200);
  expect(new Set(bodies.map((b) => b.pid)).size).toBe(2);
  expect(bodies.map((b) => b.tag)).toEqual(['t0', 't1', 't2', 't3', 't4']);
  // Five 200 ms invocations on two instances take three rounds.
  expect(Date.now() - started).toBeGreaterThanOrEqual(600);
});

test('logs are captured per request id, framed by START/END/REPORT, and published as trace records', async () => {
  const traceId = 'trace-logs-1';
  const [a, b] = await Promise.all([
    h.service.invoke('Wide', { ms: 30, tag: 'A' }, { traceId, logType: 'Tail' }),
    h.service.invoke('Wide', { ms: 10, tag: 'B' }, { traceId }),
  ]);
  expect(a.logs[0]).toBe(`START RequestId: ${a.requestId} Version: $LATEST`);
  expect(a.logs[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${a.requestId}\\tINFO\\tstart A$`));
  expect(a.logs).toContain('raw A');
  expect(a.logs.some((l) => l.endsWith(`${a.requestId}\tERROR\tdone A`))).toBe(true);
  expect(a.logs.join('\n')).not.toContain(' B');
  expect(a.logs.at(-2)).toBe(`END RequestId: ${a.requestId}`);
  expect(a.logs.at(-1)).toMatch(
    /^REPORT RequestId: .*\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB/,
  );
  expect(Buffer.from(a.logTail!, 'base64').toString()).toBe(a.logs.join('\n') + '\n');
  expect(b.logTail).toBeUndefined();

  const logs = h.records.filter((r) => r.kind === 'log' && r.traceId === traceId);
  expect(logs.filter((r) => r.payload.requestId === b.requestId).map((r) => r.payload.message)).toEqual(
    b.logs,
  );
  const invocations = h.records.filter((r) => r.kind === 'invocation' && r.traceId === traceId);
  expect(invocations).toHaveLength(2);
  expect(invocations[0]).toMatchObject({
    resource: 'arn:aws:lambda:us-east-1:000000000000:function:Wide',
    payload: { function: 'Wide', status: 'succeeded', invocationType: 'RequestResponse' },
  });
});

test('describe lists the functions', () => {
  expect(h.service.describe()).toEqual([
    { type: 'AWS::Lambda::Function', logicalId: 'Wide', name: 'Wide', detail: 'nodejs20.x slow.handler' },
    { type: 'AWS::Lambda::Function', logicalId: 'Narrow', name: 'Narrow', detail: 'nodejs20.x slow.handler' },
  ]);
});

test('configurations describe the functions as GetFunction and ListFunctions do', () => {
  expect(h.service.configurations().map((c) => c.FunctionName)).toEqual(['Wide', 'Narrow']);
  expect(h.service.configuration('arn:aws:lambda:us-east-1:000000000000:function:Narrow')).toMatchObject({
    FunctionName: 'Narrow',
    FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Narrow',
    Runtime: 'nodejs20.x',
    Handler: 'slow.handler',
    Timeout: 3,
    MemorySize: 128,
    Version: '$LATEST',
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
  });
});
