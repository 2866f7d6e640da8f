// Server-Sent Events for `/_eddy/stream`: replays stored records from `?since=` (a sequence number, an
// ISO time, or a duration like 10m), then streams live ones.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceHub } from './hub.js';
import type { TraceRecord } from './record.js';

/** Parses `since`: `seq:N` or a bare integer below 1e12 is a sequence number; else a time or `10m`/`2h`. */
export function parseSince(
  since: string | null,
  now = Date.now(),
): { afterSeq?: number; sinceTime?: number } {
  if (!since) return {};
  if (/^\d+$/.test(since) && Number(since) < 1e12) return { afterSeq: Number(since) };
  const duration = /^(\d+)(ms|s|m|h|d)$/.exec(since);
  if (duration) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 'ms'];
    return { sinceTime: now - Number(duration[1]) * unit };
  }
  const time = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
  return Number.isNaN(time) ? {} : { sinceTime: time };
}

function frame(record: TraceRecord): string {
  return `id: ${record.seq}\nevent: trace\ndata: ${JSON.stringify(record)}\n\n`;
}

/** Serves the trace stream on `res` until the client goes away. */
export function serveTraceStream(req: IncomingMessage, res: ServerResponse, hub: TraceHub): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const lastEventId = req.headers['last-event-id'];
  const since = typeof lastEventId === 'string' ? lastEventId : url.searchParams.get('since');
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(': eddy trace stream\n\n');
  let lastSent = 0;
  const query = parseSince(since);
  if (query.afterSeq !== undefined || query.sinceTime !== undefined) {
    for (const record of hub.history(query)) {
      res.write(frame(record));
      lastSent = record.seq;
    }
  }
  const unsubscribe = hub.subscribe((record) => {
    if (record.seq > lastSent) res.write(frame(record));
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', close);
  res.on('error', close);
}
