// Hot reload: a saved file rebuilds only the functions that import it; running invocations finish on the
// old code; a build error fails invocations with file:line:col until the code is fixed.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanup, fnModel, type Harness, project, startFunctions, writeFiles } from './harness.js';

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({
    'src/a.ts':
      "import { message } from './shared/message.js';\nexport const handler = async () => `a:${message}`;\n",
    'src/b.ts': "export const handler = async () => 'b:v1';\n",
    'src/shared/message.ts': "export const message = 'v1';\n",
    'src/slow.ts':
      "export const handler = async () => { await new Promise((r) => setTimeout(r, 400)); return 'slow:v1'; };\n",
    'src/fixable.ts': "export const handler = async () => 'fixable:v1';\n",
    'src/needs.ts': "import { part } from './later.js';\nexport const handler = async () => part;\n",
  });
  h = await startFunctions(
    [
      fnModel('A', dir, { handler: 'src/a.handler' }),
      fnModel('B', dir, { handler: 'src/b.handler' }),
      fnModel('Slow', dir, { handler: 'src/slow.handler' }),
      fnModel('Fixable', dir, { handler: 'src/fixable.handler' }),
      fnModel('Needs', dir, { handler: 'src/needs.handler' }),
    ],
    { watch: true },
  );
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

async function result(name: string): Promise<unknown> {
  return JSON.parse((await h.service.invoke(name, {})).payload);
}

const poll = { timeout: 10_000, interval: 20 };

test('editing an imported module reloads only the functions that import it', async () => {
  expect(await result('A')).toBe('a:v1');
  const bPid = JSON.parse((await h.service.invoke('B', {})).payload);
  expect(bPid).toBe('b:v1');
  const reloadsBefore = h.records.filter((r) => r.kind === 'reload').length;
  writeFiles(dir, { 'src/shared/message.ts': "export const message = 'v2';\n" });
  await expect.poll(() => result('A'), poll).toBe('a:v2');
  const reloads = h.records.filter((r) => r.kind === 'reload').slice(reloadsBefore);
  expect(reloads.map((r) => r.payload.function)).toEqual(['A']);
  expect(reloads[0].payload).toMatchObject({ ok: true, file: join(dir, 'src/shared/message.ts') });
});

test('an invocation in flight finishes on the old code; the next one runs the new code', async () => {
  expect(await result('Slow')).toBe('slow:v1');
  const inFlight = h.service.invoke('Slow', {});
  await new Promise((r) => setTimeout(r, 50));
  writeFiles(dir, {
    'src/slow.ts':
      "export const handler = async () => { await new Promise((r) => setTimeout(r, 10)); return 'slow:v2'; };\n",
  });
  await expect.poll(() => result('Slow'), poll).toBe('slow:v2');
  expect(JSON.parse((await inFlight).payload)).toBe('slow:v1');
});

test('a build error fails invocations with its location until the file is fixed', async () => {
  expect(await result('Fixable')).toBe('fixable:v1');
  writeFiles(dir, {
    'src/fixable.ts': "export const handler = async () => {\n  return 'fixable:v2'\n  const = 1;\n};\n",
  });
  await expect
    .poll(async () => (await h.service.invoke('Fixable', {})).functionError, poll)
    .toBe('Unhandled');
  const failed = JSON.parse((await h.service.invoke('Fixable', {})).payload);
  expect(failed.errorType).toBe('Runtime.UserCodeSyntaxError');
  expect(failed.errorMessage).toContain(`${join(dir, 'src/fixable.ts')}:3:9`);
  const error = h.records.findLast((r) => r.kind === 'error' && r.payload.function === 'Fixable');
  expect(error?.payload).toMatchObject({
    function: 'Fixable',
    location: `${join(dir, 'src/fixable.ts')}:3:9`,
  });
  expect(h.service.describe().find((d) => d.name === 'Fixable')?.detail).toContain('build failed');
  expect(h.service.configuration('Fixable')).toMatchObject({
    State: 'Failed',
    StateReasonCode: 'InvalidCode',
    StateReason: expect.stringContaining('fixable.ts:3:9'),
  });

  writeFiles(dir, { 'src/fixable.ts': "export const handler = async () => 'fixable:v3';\n" });
  await expect.poll(() => result('Fixable'), poll).toBe('fixable:v3');
});

test('creating the missing module an import names fixes the build', async () => {
  const failed = JSON.parse((await h.service.invoke('Needs', {})).payload);
  expect(failed.errorType).toBe('Runtime.ImportModuleError');
  writeFiles(dir, { 'src/later.ts': "export const part = 'arrived';\n" });
  await expect.poll(() => result('Needs'), poll).toBe('arrived');
});

test('apply restarts changed functions, drops removed ones, and lets running invocations finish', async () => {
  const before = h.service.getFunction('B');
  const inFlight = h.service.invoke('Slow', {});
  await new Promise((r) => setTimeout(r, 50));
  await h.service.apply({
    ...(await import('../../../src/template/model.js')).emptyApp(),
    functions: [
      fnModel('A', dir, { handler: 'src/a.handler' }),
      { ...before, environment: { MODE: 'changed' }, handler: 'src/b.handler' },
    ],
  });
  expect(h.service.functions().map((f) => f.name)).toEqual(['A', 'B']);
  expect(h.service.getFunction('B').environment).toEqual({ MODE: 'changed' });
  await expect(h.service.invoke('Slow', {})).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  expect(await result('B')).toBe('b:v1');
  // The removed function's running invocation finished on its instance.
  expect(JSON.parse((await inFlight).payload)).toBe('slow:v2');
});
