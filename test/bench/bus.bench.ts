// Event bus figures: PutEvents throughput (batches of 10 over HTTP, journal on disk) acknowledged and
// delivered end to end, and the latency from PutEvents to the target's first line at a steady
// 1,000 events/s (p50/p99); each beside a baseline in the same run: a bare Node HTTP server that only
// parses the same requests. The target is a local HTTP endpoint (its handler's first line records the
// arrival), so the figures are the bus's own cost, independent of the function runtime.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Pool } from 'undici';
import { createServices } from '../../src/services/registry.js';
import { startEddy } from '../../src/testing/index.js';

const BATCHES = Number(process.env.BUS_BATCHES ?? 3_000);
const CONCURRENCY = 16;
const LATENCY_EVENTS = Number(process.env.BUS_LATENCY_EVENTS ?? 3_000);
const RATE_PER_SECOND = 1_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function body(batch: number, size = 10): string {
  const entries = Array.from({ length: size }, (_, i) => ({
    Source: 'bench',
    DetailType: 'Tick',
    Detail: JSON.stringify({ batch, i, sent: performance.now() }),
  }));
  return JSON.stringify({ Entries: entries });
}

function post(pool: Pool, text: string) {
  return pool
    .request({
      path: '/',
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: text,
    })
    .then((r) => r.body.text());
}

/** A server that parses PutEvents requests and answers ids: the floor of any HTTP emulator. */
async function bareServer(
  onEvent: (detail: { sent: number }) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString()) as { Entries: { Detail: string }[] };
      const Entries = request.Entries.map((e) => {
        onEvent(JSON.parse(e.Detail) as { sent: number });
        return { EventId: String(++n) };
      });
      res
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify({ FailedEntryCount: 0, Entries }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The target eddy delivers to; records each event's arrival. */
async function target(onEvent: (detail: { sent: number }) => void) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      onEvent((JSON.parse(Buffer.concat(chunks).toString()) as { detail: { sent: number } }).detail);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function throughput(
  url: string,
  delivered: () => number,
): Promise<{ acked: number; endToEnd: number; cpuPerEvent: number }> {
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
  const start = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BATCHES) await post(pool, body(next++));
    }),
  );
  const ackedAt = performance.now();
  while (delivered() < BATCHES * 10) await new Promise((r) => setTimeout(r, 1));
  const doneAt = performance.now();
  const used = process.cpuUsage(cpu);
  await pool.close();
  return {
    acked: (BATCHES * 10) / ((ackedAt - start) / 1000),
    endToEnd: (BATCHES * 10) / ((doneAt - start) / 1000),
    // Process CPU (client, server and target together) per event: steadier than rates on a busy machine.
    cpuPerEvent: (used.user + used.system) / (BATCHES * 10),
  };
}

async function latency(url: string, samples: number[]): Promise<void> {
  const pool = new Pool(url, { connections: 4 });
  const interval = 1000 / RATE_PER_SECOND;
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    const due = start + i * interval;
    while (performance.now() < due) await new Promise((r) => setImmediate(r));
    sends.push(post(pool, body(i, 1)));
  }
  await Promise.all(sends);
  while (samples.length < LATENCY_EVENTS) await new Promise((r) => setTimeout(r, 5));
  await pool.close();
}

/**
 * Latency to a real handler's first line (when the functions service runs): the handler logs the wall
 * clock (performance.timeOrigin + now(), shared across processes) as its first statement.
 */
async function handlerLatency(bareP50: number): Promise<void> {
  if (process.env.BUS_HANDLER === '0') return;
  if (!createServices().some((s) => s.arnService === 'lambda')) {
    console.log('  (functions service not registered: latency to a function handler not measured)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'eddy-bus-bench-fn-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/first.mjs'),
    `export const handler = async (event) => { console.log('FIRST ' + (performance.timeOrigin + performance.now()) + ' ' + event.detail.sent); return {}; };\n`,
  );
  writeFileSync(
    join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31\nResources:\n  First:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src/\n      Handler: first.handler\n      Events:\n        Rule:\n          Type: EventBridgeRule\n          Properties:\n            Pattern: { source: [bench] }\n`,
  );
  const eddy = await startEddy({ template: join(dir, 'template.yaml') });
  const samples: number[] = [];
  const offset = performance.timeOrigin;
  const unsubscribe = setInterval(() => undefined, 1000);
  let seen = 0;
  const collect = () => {
    for (; seen < eddy.records.length; seen++) {
      const r = eddy.records[seen];
      const m = r.kind === 'log' ? /FIRST ([\d.]+) ([\d.]+)/.exec(String(r.payload.message)) : null;
      if (m) samples.push(Number(m[1]) - offset - Number(m[2]));
    }
  };
  try {
    const warm = new Pool(eddy.endpoint);
    for (let i = 0; i < 50; i++) await post(warm, body(i, 1));
    await new Promise((r) => setTimeout(r, 1000));
    collect();
    samples.length = 0;
    const interval = 1000 / RATE_PER_SECOND;
    const start = performance.now();
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      while (performance.now() < start + i * interval) await new Promise((r) => setImmediate(r));
      void post(warm, body(i, 1));
    }
    for (let i = 0; i < 200 && samples.length < LATENCY_EVENTS; i++) {
      await new Promise((r) => setTimeout(r, 50));
      collect();
    }
    await warm.close();
    if (samples.length === 0) {
      console.log('  (no handler first line was seen: latency to a function handler not measured)');
      return;
    }
    const f = (n: number) => n.toFixed(2).padStart(7);
    console.log(
      `  eddy, PutEvents → function handler's first line  p50 ${f(pct(samples, 50))} ms   p99 ${f(pct(samples, 99))} ms   ` +
        `(${samples.length} events; ${(pct(samples, 50) / bareP50).toFixed(1)}× the bare p50)`,
    );
  } finally {
    clearInterval(unsubscribe);
    await eddy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the bus figures. */
export default async function run(): Promise<void> {
  let bareCount = 0;
  const bareLatency: number[] = [];
  let measuringLatency = false;
  const bare = await bareServer((d) => {
    bareCount++;
    if (measuringLatency) bareLatency.push(performance.now() - d.sent);
  });
  const state = mkdtempSync(join(tmpdir(), 'eddy-bus-bench-'));
  let delivered = 0;
  const eddyLatency: number[] = [];
  const sink = await target((d) => {
    delivered++;
    if (measuringLatency) eddyLatency.push(performance.now() - d.sent);
  });
  const eddy = await startEddy({ state });
  try {
    await post(new Pool(eddy.endpoint), JSON.stringify({}));
    const call = (op: string, input: unknown, prefix = 'AWSEvents') =>
      fetch(eddy.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': `${prefix}.${op}`, 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(input),
      });
    await call('PutRule', { Name: 'bench', EventPattern: '{"source":["bench"]}' });
    await call('PutTargets', { Rule: 'bench', Targets: [{ Id: 'sink', Arn: sink.url }] });

    const base = await throughput(bare.url, () => bareCount);
    bareCount = 0;
    const http = await throughput(eddy.endpoint, () => delivered);
    // Second run: the same rule now targets a local SQS queue (an in-process, durable delivery).
    await call('CreateQueue', { QueueName: 'bench' }, 'AmazonSQS');
    await call('PutTargets', {
      Rule: 'bench',
      Targets: [{ Id: 'sink', Arn: 'arn:aws:sqs:us-east-1:000000000000:bench' }],
    });
    const queued = () =>
      eddy.records.reduce(
        (n, r) =>
          n +
          (r.kind === 'delivery' && r.payload.outcome === 'succeeded' && r.resource?.includes(':sqs:')
            ? 1
            : 0),
        0,
      );
    let counted = 0;
    let countedAt = 0;
    const sqs = await throughput(eddy.endpoint, () => {
      // Counting trace records is O(n): do it at most every 20 ms.
      if (performance.now() - countedAt > 20) [counted, countedAt] = [queued(), performance.now()];
      return counted;
    });
    console.log(`PutEvents throughput, ${fmt(BATCHES)} batches of 10, ${CONCURRENCY} connections`);
    const cpu = (r: { cpuPerEvent: number }) => `${r.cpuPerEvent.toFixed(0)} µs CPU/event`;
    console.log(
      `  bare Node HTTP server (parse only)            ${fmt(base.acked).padStart(9)} events/s   (${cpu(base)})`,
    );
    console.log(
      `  eddy, acknowledged (journal on disk)          ${fmt(sqs.acked).padStart(9)} events/s   (${(sqs.acked / base.acked).toFixed(2)}× the baseline)`,
    );
    console.log(
      `  eddy, delivered end to end to an SQS queue    ${fmt(sqs.endToEnd).padStart(9)} events/s   (target 10,000; ${cpu(sqs)})`,
    );
    console.log(
      `  eddy, delivered end to end to an HTTP target  ${fmt(http.endToEnd).padStart(9)} events/s   (one HTTP request per event; ${cpu(http)})`,
    );

    await call('PutTargets', { Rule: 'bench', Targets: [{ Id: 'sink', Arn: sink.url }] });
    measuringLatency = true;
    await latency(bare.url, bareLatency);
    await latency(eddy.endpoint, eddyLatency);
    const f = (n: number) => n.toFixed(2).padStart(7);
    console.log(`Latency at a steady ${fmt(RATE_PER_SECOND)} events/s (${fmt(LATENCY_EVENTS)} events)`);
    console.log(
      `  bare server, request parsed     p50 ${f(pct(bareLatency, 50))} ms   p99 ${f(pct(bareLatency, 99))} ms`,
    );
    console.log(
      `  eddy, PutEvents → HTTP target's first line  p50 ${f(pct(eddyLatency, 50))} ms   p99 ${f(pct(eddyLatency, 99))} ms   (target p50 < 2 ms)`,
    );
    await handlerLatency(pct(bareLatency, 50));
  } finally {
    await eddy.stop();
    await bare.close();
    await sink.close();
    rmSync(state, { recursive: true, force: true });
  }
}
