// Every way a handler can fail, reported as Lambda reports it, with the service still serving after.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

const MODES = `
export const handler = async (event: { mode: string }) => {
  switch (event.mode) {
    case 'throw': throw new TypeError('bad input');
    case 'reject': return Promise.reject(new Error('rejected'));
    case 'string': throw 'plain string';
    case 'exit': process.exit(1);
    case 'kill': process.kill(process.pid, 'SIGKILL'); return new Promise(() => {});
    case 'uncaught': setTimeout(() => { throw new RangeError('late failure'); }); return new Promise(() => {});
    case 'hang': return new Promise(() => {});
    case 'orphan': {
      const { spawn } = await import('node:child_process');
      spawn('sleep', ['30'], { stdio: 'inherit' }).unref();
      process.exit(2);
    }
    default: return { fine: true };
  }
};
`;

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({
    'modes.ts': MODES,
    'oom.ts':
      'export const handler = async () => {\n  const keep: number[][] = [];\n  for (;;) keep.push(new Array(4e6).fill(1.5));\n};\n',
    'nohandler.ts': 'export const other = 1;\n',
    'broken.ts': 'export const handler = async () => {\n  return 1 +;\n};\n',
    'missing-import.ts': "import thing from './nowhere.js';\nexport const handler = async () => thing;\n",
    'external.ts': "import pkg from 'not-installed-pkg';\nexport const handler = async () => pkg;\n",
    'init-throws.mjs': "throw new Error('init failed');\nexport const handler = async () => 1;\n",
  });
  h = await startFunctions([
    fnModel('Modes', dir, { handler: 'modes.handler', timeoutSeconds: 1 }),
    fnModel('Oom', dir, { handler: 'oom.handler', timeoutSeconds: 20, memoryMB: 128 }),
    fnModel('NoHandler', dir, { handler: 'nohandler.handler' }),
    fnModel('Broken', dir, { handler: 'broken.handler' }),
    fnModel('MissingImport', dir, { handler: 'missing-import.handler' }),
    fnModel('External', dir, { handler: 'external.handler', esbuild: { external: ['not-installed-pkg'] } }),
    fnModel('InitThrows', dir, { handler: 'init-throws.handler' }),
    fnModel('Missing', dir, { handler: 'does-not-exist.handler' }),
    fnModel('Malformed', dir, { handler: 'modes' }),
    fnModel('MalformedPy', dir, { handler: 'app', runtime: 'python3.12' }),
  ]);
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

async function invoke(name: string, event: unknown = {}) {
  const result = await h.service.invoke(name, event);
  return { ...result, body: JSON.parse(result.payload) as Record<string, unknown> };
}

async function expectStillServing(): Promise<void> {
  const ok = await invoke('Modes', { mode: 'ok' });
  expect(ok.functionError).toBeUndefined();
  expect(ok.body).toEqual({ fine: true });
}

describe('handler errors', () => {
  test('a thrown error returns errorType, errorMessage and the stack as trace', async () => {
    const r = await invoke('Modes', { mode: 'throw' });
    expect(r.statusCode).toBe(200);
    expect(r.functionError).toBe('Unhandled');
    expect(r.body.errorType).toBe('TypeError');
    expect(r.body.errorMessage).toBe('bad input');
    expect((r.body.trace as string[])[0]).toBe('TypeError: bad input');
    await expectStillServing();
  });

  test('a rejected promise is reported like a throw', async () => {
    const r = await invoke('Modes', { mode: 'reject' });
    expect(r.body).toMatchObject({ errorType: 'Error', errorMessage: 'rejected' });
    await expectStillServing();
  });

  test('a thrown string keeps its text', async () => {
    const r = await invoke('Modes', { mode: 'string' });
    expect(r.body).toMatchObject({ errorType: 'string', errorMessage: 'plain string' });
  });

  test('an uncaught exception fails the invocation and ends the instance', async () => {
    const r = await invoke('Modes', { mode: 'uncaught' });
    expect(r.body).toMatchObject({ errorType: 'RangeError', errorMessage: 'late failure' });
    await expectStillServing();
  });
});

describe('runtime failures', () => {
  test('process.exit(1) is Runtime.ExitError with exit status 1', async () => {
    const r = await invoke('Modes', { mode: 'exit' });
    expect(r.functionError).toBe('Unhandled');
    expect(r.body.errorType).toBe('Runtime.ExitError');
    expect(r.body.errorMessage).toBe(
      `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 1`,
    );
    await expectStillServing();
  });

  test('a killed process is Runtime.ExitError with signal: killed', async () => {
    const r = await invoke('Modes', { mode: 'kill' });
    expect(r.body.errorMessage).toBe(
      `RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed`,
    );
    await expectStillServing();
  });

  test('an exit is reported even when a process it started keeps its output open', async () => {
    const r = await invoke('Modes', { mode: 'orphan' });
    expect(r.body.errorMessage).toBe(
      `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 2`,
    );
    await expectStillServing();
  });

  test('a timeout stops the instance with Sandbox.Timedout after the template Timeout', async () => {
    const started = Date.now();
    const r = await invoke('Modes', { mode: 'hang' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(r.body).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(r.logs.some((l) => l.endsWith(`${r.requestId} Task timed out after 1.00 seconds`))).toBe(true);
    expect(r.logs.at(-1)).toContain('Status: timeout');
    await expectStillServing();
  });

  test('running out of MemorySize is Runtime.OutOfMemory', async () => {
    const r = await invoke('Oom');
    expect(r.body.errorType).toBe('Runtime.OutOfMemory');
    expect(r.body.errorMessage).toBe(
      `RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed`,
    );
    await expectStillServing();
  });
});

describe('init failures', () => {
  test('a missing export is Runtime.HandlerNotFound, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await invoke('NoHandler');
      expect(r.body.errorType).toBe('Runtime.HandlerNotFound');
      expect(r.body.errorMessage).toBe('nohandler.handler is undefined or not exported');
    }
    await expectStillServing();
  });

  test('a syntax error is a build error with file:line:col', async () => {
    const r = await invoke('Broken');
    expect(r.functionError).toBe('Unhandled');
    expect(r.body.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(r.body.errorMessage).toMatch(/^SyntaxError: Unexpected ";" \(.*broken\.ts:2:13\)$/);
    const error = h.records.find((rec) => rec.kind === 'error' && rec.payload.function === 'Broken');
    expect(error?.payload.location).toMatch(/broken\.ts:2:13$/);
    await expectStillServing();
  });

  test('an import that does not resolve is Runtime.ImportModuleError', async () => {
    const r = await invoke('MissingImport');
    expect(r.body.errorType).toBe('Runtime.ImportModuleError');
    expect(r.body.errorMessage).toContain("Cannot find module './nowhere.js'");
  });

  test('an external package missing at run time is Runtime.ImportModuleError', async () => {
    const r = await invoke('External');
    expect(r.body.errorType).toBe('Runtime.ImportModuleError');
    expect(r.body.errorMessage).toContain('not-installed-pkg');
  });

  test('a module that throws while loading reports its error', async () => {
    const r = await invoke('InitThrows');
    expect(r.body).toMatchObject({ errorType: 'Error', errorMessage: 'init failed' });
  });

  test('a Handler without an export is Runtime.MalformedHandlerName (Node.js and Python)', async () => {
    for (const name of ['Malformed', 'MalformedPy']) {
      const r = await invoke(name);
      expect(r.functionError).toBe('Unhandled');
      expect(r.body.errorType).toBe('Runtime.MalformedHandlerName');
    }
  });

  test('a handler file that does not exist is Runtime.ImportModuleError', async () => {
    const r = await invoke('Missing');
    expect(r.body.errorType).toBe('Runtime.ImportModuleError');
    await expectStillServing();
  });
});
