// Event bus figures: PutEvents throughput (batches of 10 over HTTP, journal on disk) acknowledged and
// delivered end to end, and the latency from PutEvents to the target's first line at a steady
// 1,000 events/s (p50/p99); each beside a baseline in the same run: a bare Node HTTP server that only
// parses the same requests.
//
// Every side runs in its own process, as a user's does: eddy is `node bin/run.js dev` (the built dist/,
// rebuilt first when src/ is newer), the bare server and the HTTP target are small Node servers of
// their own, and this process is only the client. (Until 2026-11-28 client, eddy and target shared one
// process, i.e. one core of this 2-core machine, which measured the three competing for it.) Deliveries
// are counted where they land: SQS's GetQueueAttributes, or the target server's own counter. Latency is
// wall-clock time (performance.timeOrigin + now(), comparable across processes) from the moment the
// client sends to the receiving server's request handler (or the function handler's first line).
// CPU per event is the server process's own (from /proc), steadier than rates on a busy machine.
// BUS_PROFILE=<dir> writes eddy's CPU profile (--cpu-prof) there; BUS_RATE changes the latency runs' rate;
// BUS_NODE_ARGS adds node flags to eddy's process; BUS_SQS_ONLY=1 runs only the baseline and the SQS throughput.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import buildDist from '../global-setup.js';
import { descendantsOf, processCpuMs } from './proc.js';

const REPO = join(import.meta.dirname, '../..');
const BATCHES = Number(process.env.BUS_BATCHES ?? 3_000);
const CONCURRENCY = 16;
const LATENCY_EVENTS = Number(process.env.BUS_LATENCY_EVENTS ?? 3_000);
const RATE_PER_SECOND = Number(process.env.BUS_RATE ?? 1_000);
const ACCOUNT = '000000000000';
/** BUS_SQS_ONLY=1: only the bare baseline and the SQS throughput (a quicker loop while profiling). */
const SQS_ONLY = process.env.BUS_SQS_ONLY === '1';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const wall = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bare server (BENCH_MODE=bare: parses PutEvents requests and answers ids, the floor of any HTTP
 * emulator) or the HTTP target (BENCH_MODE=target: takes one delivered event per request). Both count
 * events and, for events that carry `sent`, record the latency; GET /stats answers and resets them.
 */
const HELPER = `
import { createServer } from 'node:http';
const bare = process.env.BENCH_MODE === 'bare';
let count = 0, n = 0, latencies = [];
const record = (d) => { count++; if (d.sent) latencies.push(performance.timeOrigin + performance.now() - d.sent); };
const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.end(JSON.stringify({ count, latencies }));
    latencies = [];
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString());
    if (!bare) { record(body.detail); res.writeHead(200).end(); return; }
    const Entries = body.Entries.map((e) => { record(JSON.parse(e.Detail)); return { EventId: String(++n) }; });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
      .end(JSON.stringify({ FailedEntryCount: 0, Entries }));
  });
});
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
`;

/** A server process: its endpoint, its pid and how to stop it. */
interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Spawns `args` and resolves once its output matches `ready` (the endpoint). */
async function spawnChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  toUrl: (m: RegExpExecArray) => string,
): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (!m) return;
      // Ready: from here the output is only drained. Accumulating and re-scanning it would make this
      // process slow to read, and a process whose stdout pipe is full blocks on its next write.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      out = '';
      resolve(toUrl(m));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${err}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function helper(mode: 'bare' | 'target'): Promise<Child> {
  return spawnChild(
    ['--input-type=module', '-e', HELPER],
    { BENCH_MODE: mode },
    /PORT (\d+)/,
    (m) => `http://127.0.0.1:${m[1]}`,
  );
}

/** `eddy dev` from the built CLI on a fresh state folder, exactly as a user starts it. */
function eddy(template: string, state: string): Promise<Child> {
  const profile = process.env.BUS_PROFILE;
  const node = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  // Node/V8 flags NODE_OPTIONS refuses (--trace-deopt, --log-deopt, ...), for eddy's process only.
  node.push(...(process.env.BUS_NODE_ARGS ?? '').split(' ').filter(Boolean));
  const cli = [join(REPO, 'bin/run.js'), 'dev', '--json', '--no-watch', '--port', '0'];
  return spawnChild(
    [...node, ...cli, '--template', template, '--state', state],
    {},
    /"endpoint": "(http:\/\/[^"]+)"/,
    (m) => m[1],
  );
}

/** User + system CPU time of a live process so far, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const ms = processCpuMs(pid);
  if (ms === undefined) throw new Error(`no process ${pid}`);
  return ms * 1000;
}

async function stats(url: string): Promise<{ count: number; latencies: number[] }> {
  const r = await fetch(`${url}/stats`);
  return (await r.json()) as { count: number; latencies: number[] };
}

function body(batch: number, size: number, sent = 0): string {
  const entries = Array.from({ length: size }, (_, i) => ({
    Source: 'bench',
    DetailType: 'Tick',
    Detail: JSON.stringify({ batch, i, sent }),
  }));
  return JSON.stringify({ Entries: entries });
}

function post(pool: Pool, text: string, target = 'AWSEvents.PutEvents') {
  return pool
    .request({
      path: '/',
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: text,
    })
    .then((r) => r.body.text());
}

interface Throughput {
  acked: number;
  endToEnd: number;
  /** The server process's CPU per event, µs. */
  cpuPerEvent: number;
}

async function throughput(url: string, pid: number, delivered: () => Promise<number>): Promise<Throughput> {
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
  const before = await delivered();
  const total = BATCHES * 10;
  const cpu = cpuMicros(pid);
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BATCHES) await post(pool, body(next++, 10));
    }),
  );
  const ackedAt = performance.now();
  while ((await delivered()) - before < total) await sleep(20);
  const doneAt = performance.now();
  const used = cpuMicros(pid) - cpu;
  await pool.close();
  return {
    acked: total / ((ackedAt - start) / 1000),
    endToEnd: total / ((doneAt - start) / 1000),
    cpuPerEvent: used / total,
  };
}

/**
 * CPU milliseconds of a fixed piece of JavaScript (the best of three): on this shared virtual machine
 * the same work costs more CPU time when the host is busy, so a server's CPU per event is read beside it.
 */
function speedProbe(): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    let sum = 0;
    for (let i = 0; i < 4_000; i++) sum += JSON.parse(body(i, 10)).Entries.length;
    const used = process.cpuUsage(start);
    if (sum > 0) best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Sends LATENCY_EVENTS single-event requests at a steady RATE_PER_SECOND, each carrying its send time. */
async function paced(url: string): Promise<void> {
  const pool = new Pool(url, { connections: 4 });
  const sends: Promise<unknown>[] = [];
  const start = performance.now();
  let i = 0;
  // A 1 ms timer, not a busy loop: the client must not take a core from the servers it measures.
  while (i < LATENCY_EVENTS) {
    const due = Math.min(
      LATENCY_EVENTS,
      Math.floor(((performance.now() - start) * RATE_PER_SECOND) / 1000) + 1,
    );
    while (i < due) sends.push(post(pool, body(i++, 1, wall())));
    await sleep(1);
  }
  await Promise.all(sends);
  await pool.close();
}

/** Waits until `read` has returned `n` samples in all (or 20 s passed). */
async function collect(read: () => Promise<number[]>, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < 400 && samples.length < n; i++) {
    samples.push(...(await read()));
    if (samples.length < n) await sleep(50);
  }
  return samples;
}

const f = (n: number) => n.toFixed(2).padStart(7);
const line = (xs: number[]) => `p50 ${f(pct(xs, 50))} ms   p99 ${f(pct(xs, 99))} ms`;

/** Latency to a function handler's first line: it notes the wall clock, then appends it to a file. */
async function handlerLatency(bareP50: number): Promise<void> {
  if (process.env.BUS_HANDLER === '0') return;
  const dir = mkdtempSync(join(tmpdir(), 'eddy-bus-bench-fn-'));
  const seen = join(dir, 'seen.txt');
  mkdirSync(join(dir, 'src'));
  writeFileSync(seen, '');
  writeFileSync(
    join(dir, 'src/first.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export const handler = async (event) => {\n` +
      `  const at = performance.timeOrigin + performance.now();\n` +
      `  if (event.detail.sent) appendFileSync(${JSON.stringify(seen)}, (at - event.detail.sent) + '\\n');\n` +
      `  return {};\n};\n`,
  );
  writeFileSync(
    join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31\nResources:\n  First:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src/\n      Handler: first.handler\n      Events:\n        Rule:\n          Type: EventBridgeRule\n          Properties:\n            Pattern: { source: [bench] }\n`,
  );
  const server = await eddy(join(dir, 'template.yaml'), join(dir, '.eddy'));
  try {
    const warm = new Pool(server.url);
    for (let i = 0; i < 50; i++) await post(warm, body(i, 1));
    await warm.close();
    let read = 0;
    const fresh = async () => {
      const lines = readFileSync(seen, 'utf8').split('\n').filter(Boolean);
      const added = lines.slice(read).map(Number);
      read = lines.length;
      return added;
    };
    // One unmeasured run at the same rate first, so this line is measured at a steady rate as the HTTP
    // target's is (that eddy ran the throughput runs before): on a fresh process the first seconds are
    // JIT warm-up, ~950 µs of eddy CPU per event against ~600 once warm, and at 1,000 events/s that
    // difference is a queue of several milliseconds.
    await paced(server.url);
    await collect(fresh, LATENCY_EVENTS);
    await sleep(1000);
    // CPU per event of eddy and of its handler processes, and how many processes it started meanwhile.
    // Handler processes may be started by a helper process of eddy's: every descendant counts.
    const handlers = () => descendantsOf(server.pid);
    const cpuOf = (pid: number) => {
      try {
        return cpuMicros(pid);
      } catch {
        return before.get(pid) ?? 0; // it ended meanwhile
      }
    };
    const before = new Map<number, number>();
    for (const pid of handlers()) before.set(pid, cpuOf(pid));
    const eddyCpu = cpuMicros(server.pid);
    const seenPids = new Set(before.keys());
    const watch = setInterval(() => handlers().forEach((pid) => seenPids.add(pid)), 50);
    await paced(server.url);
    const samples = await collect(fresh, LATENCY_EVENTS);
    clearInterval(watch);
    const now = handlers();
    const handlerCpu = now.reduce((sum, pid) => sum + cpuOf(pid) - (before.get(pid) ?? 0), 0);
    const perEvent = (us: number) => (us / LATENCY_EVENTS).toFixed(0);
    const cpuLine =
      `eddy ${perEvent(cpuMicros(server.pid) - eddyCpu)} µs + handler processes ${perEvent(handlerCpu)} µs CPU/event; ` +
      `${now.length} processes, ${seenPids.size - before.size} started during the run`;
    if (samples.length === 0) {
      console.log('  (no handler first line was seen: latency to a function handler not measured)');
      return;
    }
    console.log(
      `  eddy, PutEvents → function handler's first line  ${line(samples)}   ` +
        `(${samples.length} events; ${(pct(samples, 50) / bareP50).toFixed(1)}× the bare p50; target p50 < 2 ms)`,
    );
    console.log(`    (${cpuLine})`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the bus figures. */
export default async function run(): Promise<void> {
  buildDist();
  const dir = mkdtempSync(join(tmpdir(), 'eddy-bus-bench-'));
  const template = join(dir, 'template.yaml');
  writeFileSync(
    template,
    `Resources:\n  Bench:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: bench\n`,
  );
  const bare = await helper('bare');
  const sink = await helper('target');
  const server = await eddy(template, join(dir, '.eddy'));
  try {
    const api = new Pool(server.url);
    const call = async (op: string, input: unknown, prefix = 'AWSEvents') =>
      JSON.parse(await post(api, JSON.stringify(input), `${prefix}.${op}`)) as Record<string, unknown>;
    await call('PutRule', { Name: 'bench', EventPattern: '{"source":["bench"]}' });
    const toSink = { Rule: 'bench', Targets: [{ Id: 'sink', Arn: `${sink.url}/` }] };
    const toQueue = {
      Rule: 'bench',
      Targets: [{ Id: 'sink', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:bench` }],
    };
    const { QueueUrl: queueUrl } = await call('GetQueueUrl', { QueueName: 'bench' }, 'AmazonSQS');
    const queued = async () => {
      const out = await call(
        'GetQueueAttributes',
        { QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] },
        'AmazonSQS',
      );
      return Number((out.Attributes as Record<string, string>).ApproximateNumberOfMessages);
    };
    const counted = (url: string) => async () => (await stats(url)).count;

    const base = await throughput(bare.url, bare.pid, counted(bare.url));
    await call('PutTargets', toSink);
    const http = SQS_ONLY ? undefined : await throughput(server.url, server.pid, counted(sink.url));
    await call('PutTargets', toQueue);
    const probeBefore = speedProbe();
    const sqs = await throughput(server.url, server.pid, queued);
    const probeAfter = speedProbe();

    console.log(
      `PutEvents throughput, ${fmt(BATCHES)} batches of 10, ${CONCURRENCY} connections, each server its own process ` +
        `(load average ${loadavg()[0].toFixed(1)}: other work on this machine slows every figure)`,
    );
    const cpu = (r: Throughput) => `${r.cpuPerEvent.toFixed(0)} µs server CPU/event`;
    console.log(
      `  bare Node HTTP server (parse only)            ${fmt(base.acked).padStart(9)} events/s   (${cpu(base)})`,
    );
    console.log(
      `  eddy, acknowledged (journal on disk)          ${fmt(sqs.acked).padStart(9)} events/s   (${(sqs.acked / base.acked).toFixed(2)}× the baseline)`,
    );
    console.log(
      `  eddy, delivered end to end to an SQS queue    ${fmt(sqs.endToEnd).padStart(9)} events/s   (target 10,000; ${cpu(sqs)}, ${(sqs.cpuPerEvent / base.cpuPerEvent).toFixed(1)}× the bare)`,
    );
    console.log(
      `  CPU speed probe (fixed JS work in the client)  ${probeBefore.toFixed(0)} ms before, ${probeAfter.toFixed(0)} ms after the SQS run (a slower machine, not eddy, raises it too)`,
    );
    if (http)
      console.log(
        `  eddy, delivered end to end to an HTTP target  ${fmt(http.endToEnd).padStart(9)} events/s   (one HTTP request per event; ${cpu(http)})`,
      );
    if (SQS_ONLY) return;

    await call('PutTargets', toSink);
    await stats(bare.url);
    await stats(sink.url);
    await paced(bare.url);
    const bareLatency = await collect(async () => (await stats(bare.url)).latencies, LATENCY_EVENTS);
    const cpuBefore = cpuMicros(server.pid);
    await paced(server.url);
    const eddyLatency = await collect(async () => (await stats(sink.url)).latencies, LATENCY_EVENTS);
    const httpCpu = (cpuMicros(server.pid) - cpuBefore) / LATENCY_EVENTS;
    await api.close();
    console.log(`Latency at a steady ${fmt(RATE_PER_SECOND)} events/s (${fmt(LATENCY_EVENTS)} events)`);
    console.log(`  bare server, request parsed                 ${line(bareLatency)}`);
    console.log(`  eddy, PutEvents → HTTP target's first line  ${line(eddyLatency)}   (target p50 < 2 ms)`);
    console.log(`    (eddy ${httpCpu.toFixed(0)} µs CPU/event)`);
    await server.stop();
    await handlerLatency(pct(bareLatency, 50));
  } finally {
    await server.stop();
    await bare.stop();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
