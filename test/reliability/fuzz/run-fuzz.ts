// The fuzzer's entry point, shared by the CI-sized test (fuzz.test.ts) and `npm run soak`: sends
// `cases` malformed requests generated from `seed` to a running eddy, checks every answer, and checks
// between batches that the server still answers its health endpoint.
import { Agent } from 'node:http';
import fc from 'fast-check';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { OVERSIZE_BYTES } from './bodies.js';
import { sendRaw, type RawRequest } from './http.js';
import { fuzzCase, FUZZ_NAMES, type FuzzCase } from './requests.js';
import { judge, type Failure } from './verdict.js';

/** What runFuzz is asked to do. */
export interface FuzzOptions {
  endpoint: string;
  cases: number;
  seed: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** A request with no answer after this long is a hang (default 15 s). */
  timeoutMs?: number;
  /** Requests between two health checks (default 100). */
  batchSize?: number;
  /** Reads the eddy process's RSS after each batch (in-process runs pass `() => process.memoryUsage().rss`). */
  sampleRss?: () => number;
}

/** One failed case, kept to reproduce it. */
export interface FuzzFailure {
  api: string;
  failure: Failure;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The first 300 bytes of the body, and its full length. */
  bodyStart: string;
  bodyLength: number;
  status?: number;
  answer?: string;
}

/** What a fuzz run found. */
export interface FuzzReport {
  tried: number;
  fiveXX: number;
  hangs: number;
  /** Cases sent per API family. */
  byApi: Record<string, number>;
  /** 4xx answers that were not AWS-shaped errors. */
  badShapes: number;
  /** Connections dropped without an answer. */
  dropped: number;
  /** Health checks that failed (the server stopped answering). */
  healthFailures: number;
  /** Slowest health check between batches, in ms. */
  maxHealthMs: number;
  /** Highest RSS sampled, when sampleRss was given. */
  peakRssBytes?: number;
  /** The first failures (at most 25), to reproduce. */
  failures: FuzzFailure[];
}

/** One over-limit body per API family: the server must answer 413, not drop the connection or buffer it. */
function oversizeCases(catalogue: Catalogue): FuzzCase[] {
  const body = Buffer.alloc(OVERSIZE_BYTES, 0x20);
  const json = catalogue.json.map((s) => ({
    api: s.prefix,
    request: {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': `application/x-amz-json-${s.version}`,
        'x-amz-target': `${s.prefix}.${s.operations[0]}`,
      },
      body,
    },
  }));
  const rest: FuzzCase[] = [
    ['lambda', 'POST', `/2015-03-31/functions/${FUZZ_NAMES.fn}/invocations`],
    ['pipes', 'POST', `/v1/pipes/${FUZZ_NAMES.pipe}-new`],
    ['s3', 'PUT', `/${FUZZ_NAMES.bucket}/oversize`],
    ['sqs-query', 'POST', '/'],
  ].map(([api, method, path]) => ({ api, request: { method, path, headers: {}, body } }));
  return [...json, ...rest];
}

/**
 * Requests on eddy's own endpoints that once hung it, sent in every run: a HEAD of the never-ending
 * stream (its headers were held back forever) and a page of events `before` a huge sequence number
 * (the scan walked down from 1e23 in empty windows, blocking the server).
 */
function eddyRegressionCases(): FuzzCase[] {
  const none = Buffer.alloc(0);
  return [
    { method: 'HEAD', path: '/_eddy/stream' },
    { method: 'HEAD', path: '/_eddy/stream?since=0' },
    { method: 'GET', path: '/_eddy/events?before=99999999999999999999999' },
    { method: 'GET', path: '/_eddy/events?limit=5000&before=9007199254740993' },
    { method: 'GET', path: '/_eddy/stream?since=99999999999999999999999' },
    { method: 'GET', path: '/_eddy/trace?traceId=x&from=99999999999999999999999' },
  ].map(({ method, path }) => ({ api: 'eddy', request: { method, path, headers: {}, body: none } }));
}

function describeCase(c: FuzzCase, failure: Failure, status?: number, answer?: string): FuzzFailure {
  const r: RawRequest = c.request;
  return {
    api: c.api,
    failure,
    method: r.method,
    path: r.path.slice(0, 300),
    headers: r.headers,
    bodyStart: r.body.subarray(0, 300).toString('utf8'),
    bodyLength: r.body.length,
    status,
    answer: answer?.slice(0, 500),
  };
}

async function health(endpoint: string, agent: Agent, timeoutMs: number): Promise<number | undefined> {
  const started = performance.now();
  const outcome = await sendRaw(
    endpoint,
    { method: 'GET', path: '/_eddy/health', headers: {}, body: Buffer.alloc(0) },
    timeoutMs,
    agent,
  );
  return outcome.kind === 'response' && outcome.status === 200 ? performance.now() - started : undefined;
}

/** Sends `cases` malformed requests (seeded) to `endpoint` and reports what came back. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { endpoint, seed, concurrency = 8, timeoutMs = 15_000, batchSize = 100 } = options;
  const catalogue = loadCatalogue();
  const extra = options.cases >= 200 ? [...oversizeCases(catalogue), ...eddyRegressionCases()] : [];
  const generated = fc.sample(fuzzCase(catalogue), {
    seed,
    numRuns: Math.max(0, options.cases - extra.length),
  });
  // Spread the heavy over-limit bodies through the run instead of sending them back to back.
  const all = [...generated];
  extra.forEach((c, i) => all.splice(Math.floor(((i + 1) * all.length) / (extra.length + 1)), 0, c));

  const report: FuzzReport = {
    tried: 0,
    fiveXX: 0,
    hangs: 0,
    byApi: {},
    badShapes: 0,
    dropped: 0,
    healthFailures: 0,
    maxHealthMs: 0,
    failures: [],
  };
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const sampleRss = () => {
    if (options.sampleRss) report.peakRssBytes = Math.max(report.peakRssBytes ?? 0, options.sampleRss());
  };
  const record = (c: FuzzCase, failure: Failure | undefined, status?: number, answer?: string) => {
    report.tried++;
    report.byApi[c.api] = (report.byApi[c.api] ?? 0) + 1;
    if (!failure) return;
    if (failure === '5xx') report.fiveXX++;
    else if (failure === 'hang') report.hangs++;
    else if (failure === 'shape') report.badShapes++;
    else report.dropped++;
    if (report.failures.length < 25) report.failures.push(describeCase(c, failure, status, answer));
  };
  try {
    for (let start = 0; start < all.length; start += batchSize) {
      const batch = all.slice(start, start + batchSize);
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const c = batch[next++];
          const outcome = await sendRaw(endpoint, c.request, timeoutMs, agent);
          if (outcome.kind === 'error' && outcome.code === 'CLIENT_REFUSED') continue;
          const failure = judge(c.request.method, outcome);
          if (outcome.kind === 'response') record(c, failure, outcome.status, outcome.body.toString('utf8'));
          else record(c, failure, undefined, outcome.kind === 'error' ? outcome.message : undefined);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      sampleRss();
      const ms = await health(endpoint, agent, timeoutMs);
      if (ms === undefined) {
        report.healthFailures++;
        break; // eddy is down: every further case would only repeat that
      }
      report.maxHealthMs = Math.max(report.maxHealthMs, ms);
    }
  } finally {
    agent.destroy();
  }
  return report;
}
