// eddy's own endpoints under /_eddy/: health, the trace stream, and the App model for the console.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalHandler } from '../api/server.js';
import type { TraceHub } from '../trace/hub.js';
import { serveTraceStream } from '../trace/sse.js';
import type { AppModel } from '../template/model.js';
import { resourceRows } from './resources.js';

/** What the local endpoints read from the running environment. */
export interface LocalEndpointSource {
  trace: TraceHub;
  app(): AppModel;
  startedAt: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The handler for /_eddy/health, /_eddy/stream and /_eddy/app. */
export function localEndpoints(source: LocalEndpointSource): LocalHandler {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith('/_eddy/')) return false;
    if (path === '/_eddy/health') {
      sendJson(res, 200, { status: 'ok', uptimeMs: Date.now() - source.startedAt });
    } else if (path === '/_eddy/stream' && req.method === 'HEAD') {
      // A HEAD answer has no body, so Node would hold the stream's headers back forever: send them now.
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' }).end();
    } else if (path === '/_eddy/stream') {
      serveTraceStream(req, res, source.trace);
    } else if (path === '/_eddy/app') {
      const app = source.app();
      sendJson(res, 200, { app, resources: resourceRows(app) });
    } else {
      sendJson(res, 404, { __type: 'NotFound', message: `No eddy endpoint at ${path}` });
    }
    return true;
  };
}
