// The console's file handler: the page at `/`, assets under `/console/`, and nothing that is an AWS call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleEndpoint } from '../../../src/dev/console-endpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-console-files-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>eddy</title>');
writeFileSync(join(dir, 'main.js'), 'console.log(1)');
const handler = consoleEndpoint({ dir: async () => dir });
const server = createServer(async (req, res) => {
  if (!(await handler(req, res))) res.writeHead(599).end('passed on');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('consoleEndpoint', () => {
  it('serves the page at / and the assets under /console/ with their types', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>eddy</title>');
    const js = await fetch(`${base}/console/main.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/console/missing.css`)).status).toBe(404);
  });

  it('passes on AWS calls: POSTs, signed requests, targets, other paths', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: '{}' })).status).toBe(599);
    expect((await fetch(`${base}/`, { headers: { authorization: 'AWS4-HMAC-SHA256 x' } })).status).toBe(599);
    expect((await fetch(`${base}/console/main.js`, { headers: { authorization: 'AWS4 x' } })).status).toBe(
      599,
    );
    expect((await fetch(`${base}/`, { headers: { 'x-amz-target': 'AWSEvents.ListRules' } })).status).toBe(
      599,
    );
    expect((await fetch(`${base}/bucket/key`)).status).toBe(599);
    expect((await fetch(`${base}/?Action=ListQueues&Version=2012-11-05`)).status).toBe(599);
  });

  it('never serves a file outside its folder', async () => {
    for (const path of ['/console/..%2Fsecret', '/console/sub/main.js', '/console/.hidden'])
      expect((await fetch(`${base}${path}`)).status).toBe(599);
  });
});
