// The dev spine, in-process: health, AWS-shaped errors for anything unknown or malformed, reloads.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DevEnvironment } from '../../../src/dev/environment.js';
import { EddyError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { copyTemplate } from '../../helpers/temp.js';

describe('eddy dev spine', () => {
  let eddy: RunningEddy;
  let project: string;

  beforeAll(async () => {
    project = copyTemplate('minimal');
    eddy = await startEddy({ template: join(project, 'template.yaml'), watch: true });
  });
  afterAll(() => eddy?.stop());

  test('serves /_eddy/health and the App model', async () => {
    const health = await fetch(`${eddy.endpoint}/_eddy/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const app = (await (await fetch(`${eddy.endpoint}/_eddy/app`)).json()) as {
      resources: { logicalId: string }[];
    };
    expect(app.resources.map((r: { logicalId: string }) => r.logicalId)).toContain('HelloFunction');
  });

  test('binds to 127.0.0.1', () => {
    expect(eddy.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('an unknown X-Amz-Target gets an AWS-shaped error', async () => {
    const response = await fetch(eddy.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSNothing.DoIt', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  test('an unknown REST path gets a 404 with an AWS-shaped body', async () => {
    const response = await fetch(`${eddy.endpoint}/no/such/api`, { method: 'PATCH' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  test('an unknown eddy endpoint is a 404, not a crash', async () => {
    const response = await fetch(`${eddy.endpoint}/_eddy/nothing`);
    expect(response.status).toBe(404);
  });

  test('a template edit reloads the app and publishes a reload record', async () => {
    const file = join(project, 'template.yaml');
    const before = eddy.records.filter((r) => r.kind === 'reload').length;
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Resources:\n', 'Resources:\n  Extra:\n    Type: AWS::SQS::Queue\n'),
    );
    await expect.poll(() => eddy.app.queues.map((q) => q.logicalId), { timeout: 10_000 }).toEqual(['Extra']);
    expect(eddy.records.filter((r) => r.kind === 'reload').length).toBeGreaterThan(before);
  });

  test('a broken template keeps the last good app running and reports the error', async () => {
    const file = join(project, 'template.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good + '\n  Broken: [unclosed\n');
    const error = await eddy.waitFor({ kind: 'error' }).catch((e) => {
      console.log(JSON.stringify(eddy.records.map((r) => [r.seq, r.kind, r.payload])));
      throw e;
    });
    expect(String(error.payload.location)).toContain('template.yaml:');
    expect(eddy.app.functions.map((f) => f.logicalId)).toEqual(['HelloFunction']);
    const health = await fetch(`${eddy.endpoint}/_eddy/health`);
    expect(health.status).toBe(200);
  });
});

test('a port in use is a user error that says how to fix it', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const failure = await DevEnvironment.start({
      port,
      inMemory: true,
      logger: silentLogger,
      watch: false,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EddyError);
    expect((failure as EddyError).code).toBe('PORT_IN_USE');
    expect((failure as EddyError).fix).toContain('--port');
  } finally {
    blocker.close();
  }
});

describe('requests from web pages', () => {
  let eddy: RunningEddy;
  beforeAll(async () => {
    eddy = await startEddy({});
  });
  afterAll(() => eddy?.stop());

  test('a rebinding Host header is refused', async () => {
    const { request } = await import('undici');
    const response = await request(`${eddy.endpoint}/_eddy/health`, {
      headers: { host: 'attacker.example:80' },
    });
    expect(response.statusCode).toBe(403);
    expect(((await response.body.json()) as { __type: string }).__type).toBe('AccessDeniedException');
  });

  test("a mutating request from another site's page is refused, the SDK's (no Origin) is not", async () => {
    const post = (origin?: string) =>
      fetch(eddy.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSNothing.X', ...(origin ? { origin } : {}) },
        body: '{}',
      });
    expect((await post('http://evil.example')).status).toBe(403);
    expect((await post()).status).toBe(400);
  });
});
