// Node.js handlers: TypeScript, ESM and CommonJS sources; the context object and environment; warm
// reuse of module state; callback-style handlers; source-mapped stack traces.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({
    'src/handlers/counter.ts': [
      'let count = 0;',
      'export const handler = async () => ({ count: ++count, pid: process.pid });',
    ].join('\n'),
    'context.ts': [
      'import type { Context } from "./types.js";',
      'export const handler = async (event: unknown, context: Context) => ({',
      '  event,',
      '  context: { ...context, remaining: context.getRemainingTimeInMillis() },',
      '  env: process.env,',
      '  cwd: process.cwd(),',
      '});',
    ].join('\n'),
    'types.ts': 'export type Context = { getRemainingTimeInMillis(): number } & Record<string, unknown>;\n',
    'esm.mjs':
      "import { sep } from 'node:path';\nexport const handler = async () => ({ format: 'esm', sep, meta: typeof import.meta.url });\n",
    'cjs.cjs':
      "const path = require('node:path');\nexports.handler = async () => ({ format: 'cjs', sep: path.sep });\n",
    'big.js': "exports.handler = async (e) => 'x'.repeat(e.size);\n",
    'callback.js':
      'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { got: event.x }), 5); };\n',
    'callback-error.js':
      "exports.handler = (event, context, callback) => callback(new Error('callback failed'));\n",
    'module-pkg/package.json': '{ "type": "module" }\n',
    'module-pkg/app.js': "export const handler = async () => (await import('./lib.js')).value;\n",
    'module-pkg/lib.js': 'export const value = { typeModule: true };\n',
    'stack.ts': [
      'interface Order { id: string }',
      'function check(order: Order): void {',
      '  throw new Error(`order ${order.id} rejected`);',
      '}',
      'export const handler = async (event: Order) => {',
      '  check(event);',
      '};',
    ].join('\n'),
  });
  h = await startFunctions([
    fnModel('Counter', dir, { handler: 'src/handlers/counter.handler' }),
    fnModel('Context', dir, {
      handler: 'context.handler',
      memoryMB: 256,
      timeoutSeconds: 7,
      environment: { TABLE: 'orders', AWS_REGION: 'eu-west-1' },
    }),
    fnModel('Esm', dir, { handler: 'esm.handler' }),
    fnModel('Cjs', dir, { handler: 'cjs.handler' }),
    fnModel('Big', dir, { handler: 'big.handler' }),
    fnModel('Callback', dir, { handler: 'callback.handler' }),
    fnModel('CallbackError', dir, { handler: 'callback-error.handler' }),
    fnModel('TypeModule', join(dir, 'module-pkg'), { handler: 'app.handler' }),
    fnModel('Stack', dir, { handler: 'stack.handler' }),
  ]);
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

async function body(name: string, event: unknown = {}) {
  const result = await h.service.invoke(name, event);
  return JSON.parse(result.payload) as Record<string, unknown>;
}

test('a warm instance keeps module state between invocations', async () => {
  const first = await body('Counter');
  const second = await body('Counter');
  const third = await body('Counter');
  expect([first.count, second.count, third.count]).toEqual([1, 2, 3]);
  expect(new Set([first.pid, second.pid, third.pid]).size).toBe(1);
});

test('the context object and the environment are Lambda’s', async () => {
  const r = await h.service.invoke('Context', { hello: 'world' });
  const b = JSON.parse(r.payload) as {
    event: unknown;
    context: Record<string, unknown>;
    env: Record<string, string>;
    cwd: string;
  };
  expect(b.event).toEqual({ hello: 'world' });
  expect(b.context).toMatchObject({
    awsRequestId: r.requestId,
    functionName: 'Context',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Context',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/Context',
    callbackWaitsForEmptyEventLoop: true,
  });
  expect(b.context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  expect(b.context.remaining).toBeGreaterThan(6000);
  expect(b.context.remaining).toBeLessThanOrEqual(7000);
  expect(b.env).toMatchObject({
    TABLE: 'orders',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'Context',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/Context',
    AWS_LAMBDA_LOG_STREAM_NAME: b.context.logStreamName,
    LAMBDA_TASK_ROOT: dir,
    _HANDLER: 'context.handler',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4949',
  });
  expect(b.env.VITEST).toBeUndefined();
  expect(b.cwd).toBe(dir);
});

test('ESM (.mjs), CommonJS (.cjs) and "type": "module" handlers run', async () => {
  expect(await body('Esm')).toEqual({ format: 'esm', sep: '/', meta: 'string' });
  expect(await body('Cjs')).toEqual({ format: 'cjs', sep: '/' });
  expect(await body('TypeModule')).toEqual({ typeModule: true });
});

test('callback-style handlers return through the callback', async () => {
  expect(await body('Callback', { x: 42 })).toEqual({ got: 42 });
  expect(await body('CallbackError')).toMatchObject({ errorType: 'Error', errorMessage: 'callback failed' });
});

test('stack traces point at the TypeScript source lines', async () => {
  const b = await body('Stack', { id: 'o-1' });
  expect(b.errorMessage).toBe('order o-1 rejected');
  const trace = b.trace as string[];
  expect(trace[1]).toContain(`${join(dir, 'stack.ts')}:3:9`);
  expect(trace.some((line) => line.includes(`${join(dir, 'stack.ts')}:6:3`))).toBe(true);
});

test('an unknown function is ResourceNotFoundException; ARNs and logical ids find functions', async () => {
  await expect(h.service.invoke('Nope', {})).rejects.toMatchObject({
    code: 'ResourceNotFoundException',
    message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:Nope',
  });
  const byArn = await h.service.invoke('arn:aws:lambda:us-east-1:000000000000:function:Esm:$LATEST', {});
  expect(JSON.parse(byArn.payload)).toMatchObject({ format: 'esm' });
  await expect(h.service.invoke('Esm', '{not json')).rejects.toMatchObject({
    code: 'InvalidRequestContentException',
  });
});

test('payload quotas: 6 MB in and out synchronously, 1 MB for Event', async () => {
  const tooBig = JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) });
  await expect(h.service.invoke('Big', tooBig)).rejects.toMatchObject({
    code: 'RequestTooLargeException',
    status: 413,
  });
  const big = JSON.stringify({ data: 'x'.repeat(1024 * 1024) });
  await expect(h.service.invoke('Big', big, { invocationType: 'Event' })).rejects.toMatchObject({
    code: 'RequestTooLargeException',
  });
  const r = await h.service.invoke('Big', { size: 6_291_600 });
  expect(r.functionError).toBe('Unhandled');
  expect(JSON.parse(r.payload)).toEqual({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
  });
  expect(JSON.parse((await h.service.invoke('Big', { size: 10 })).payload)).toBe('xxxxxxxxxx');
});

test('External packages resolve from the project’s node_modules', async () => {
  const app = project({
    'node_modules/greeting-pkg/package.json': '{ "name": "greeting-pkg", "main": "index.js" }\n',
    'node_modules/greeting-pkg/index.js': "exports.greet = (name) => 'hello ' + name;\n",
    'src/app.ts':
      "import { greet } from 'greeting-pkg';\nexport const handler = async () => greet('eddy');\n",
  });
  const local = await startFunctions(
    [fnModel('Ext', join(app, 'src'), { esbuild: { external: ['greeting-pkg'] }, handler: 'app.handler' })],
    { rootDir: app },
  );
  try {
    const r = await local.service.invoke('Ext', {});
    expect(JSON.parse(r.payload)).toBe('hello eddy');
  } finally {
    await local.stop();
    cleanup(app);
  }
});

test('with --no-watch (NoopWatcher) a saved file changes nothing until the next apply', async () => {
  const app = project({ 'app.mjs': "export const handler = async () => 'v1';\n" });
  const local = await startFunctions([fnModel('Still', app, { handler: 'app.handler' })], { watch: false });
  try {
    expect(JSON.parse((await local.service.invoke('Still', {})).payload)).toBe('v1');
    writeFileSync(join(app, 'app.mjs'), "export const handler = async () => 'v2';\n");
    await new Promise((r) => setTimeout(r, 400));
    expect(JSON.parse((await local.service.invoke('Still', {})).payload)).toBe('v1');
    expect(local.records.some((r) => r.kind === 'reload')).toBe(false);
  } finally {
    await local.stop();
    cleanup(app);
  }
});
