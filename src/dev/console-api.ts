// Read-only JSON endpoints the console needs beyond the trace stream: pages of events, newest first
// (`/_eddy/events?limit=&before=&pattern=`, the pattern being an EventBridge event pattern), the records of one trace (`/_eddy/trace?traceId=&from=`), and the
// event fixtures of the project (`/_eddy/fixtures`, the JSON files in the template's `events/` folder).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compilePattern, PatternError, type CompiledPattern } from '../patterns/index.js';
import type { TraceHub } from '../trace/hub.js';
import type { TraceRecord } from '../trace/record.js';
import type { AppModel } from '../template/model.js';

/** What the console endpoints read. */
export interface ConsoleApiSource {
  trace: TraceHub;
  app(): AppModel;
}

const WINDOW = 2000;
/** Most records one request scans, so a huge log cannot stall the server. */
const MAX_SCAN = 200_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The highest sequence number in the log, found by probing (the hub keeps no count). */
export function findLastSeq(hub: TraceHub): number {
  const after = (seq: number) => hub.history({ afterSeq: seq, limit: 1 })[0];
  if (!after(0)) return 0;
  let hi = 1;
  while (after(hi)) hi *= 2;
  let lo = Math.floor(hi / 2) - 1; // after(lo) exists (or lo < 1, where after(0) exists)
  lo = Math.max(lo, 0);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (after(mid)) lo = mid;
    else hi = mid;
  }
  return after(lo)!.seq;
}

/** Up to `limit` records passing `test`, newest first, with a sequence number below `before`. */
export function recordsBefore(
  hub: TraceHub,
  test: (record: TraceRecord) => boolean,
  before: number,
  limit: number,
): TraceRecord[] {
  const found: TraceRecord[] = [];
  let end = before; // exclusive
  let scanned = 0;
  while (end > 1 && found.length < limit && scanned < MAX_SCAN) {
    const start = Math.max(0, end - 1 - WINDOW);
    const window = hub.history({ afterSeq: start, limit: WINDOW });
    scanned += window.length;
    for (let i = window.length - 1; i >= 0 && found.length < limit; i--) {
      const r = window[i];
      if (r.seq < end && test(r)) found.push(r);
    }
    end = start + 1;
  }
  return found;
}

/** Every record of a trace from sequence number `from` on, oldest first. */
export function traceRecords(hub: TraceHub, traceId: string, from: number): TraceRecord[] {
  const found: TraceRecord[] = [];
  let after = Math.max(0, from - 1);
  for (let scanned = 0; scanned < MAX_SCAN && found.length < 5000;) {
    const window = hub.history({ afterSeq: after, limit: WINDOW });
    if (window.length === 0) break;
    scanned += window.length;
    for (const r of window) if (r.traceId === traceId) found.push(r);
    after = window[window.length - 1].seq;
  }
  return found;
}

function fixtures(app: AppModel): { name: string; entry: unknown }[] {
  const dir = join(app.rootDir, 'events');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    try {
      return [{ name, entry: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }];
    } catch {
      return [];
    }
  });
}

/** A test for event records, narrowed by an event pattern when given; AWS's message when invalid. */
function eventTest(pattern: string | null): ((record: TraceRecord) => boolean) | string {
  if (!pattern) return (r) => r.kind === 'event';
  let compiled: CompiledPattern;
  try {
    compiled = compilePattern(pattern);
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
  return (r) => r.kind === 'event' && compiled.matches((r.payload.event ?? {}) as object);
}

function intParam(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name));
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The handler for `/_eddy/events`, `/_eddy/trace` and `/_eddy/fixtures` (GET only). */
export function consoleApi(source: ConsoleApiSource) {
  // The newest record: looked up in the log once, then followed through the hub (no listener, which
  // would have every record built for it).
  let lastSeq: number | undefined;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!['/_eddy/events', '/_eddy/trace', '/_eddy/fixtures'].includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { __type: 'MethodNotAllowed', message: `${req.method} is not allowed on ${path}` });
      return true;
    }
    if (path === '/_eddy/events') {
      lastSeq = Math.max(lastSeq ?? findLastSeq(source.trace), source.trace.latestSeq ?? 0);
      const limit = Math.min(intParam(url, 'limit', 500), 5000);
      // Past the newest record nothing is left to find: a huge `before` would walk down empty windows.
      const before = Math.min(intParam(url, 'before', lastSeq + 1), lastSeq + 1);
      const test = eventTest(url.searchParams.get('pattern'));
      if (typeof test === 'string')
        sendJson(res, 400, { __type: 'InvalidEventPatternException', message: test });
      else sendJson(res, 200, { records: recordsBefore(source.trace, test, before, limit), lastSeq });
    } else if (path === '/_eddy/trace') {
      const traceId = url.searchParams.get('traceId');
      if (!traceId) sendJson(res, 400, { __type: 'ValidationException', message: 'traceId is required' });
      else sendJson(res, 200, { records: traceRecords(source.trace, traceId, intParam(url, 'from', 0)) });
    } else {
      sendJson(res, 200, { fixtures: fixtures(source.app()) });
    }
    return true;
  };
}
