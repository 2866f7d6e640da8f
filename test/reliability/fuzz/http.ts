// Sends one raw HTTP request exactly as given (method, unnormalised path, headers, bytes), which
// fetch cannot: it resolves `..`, rejects odd methods and re-encodes paths. A timeout marks a hang.
import { request as httpRequest, Agent } from 'node:http';

/** One request the fuzzer sends. */
export interface RawRequest {
  method: string;
  /** Path and query string, sent as is. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What came back: a response, a hang (no answer in time), or a connection failure. */
export type RawOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
  | { kind: 'hang' }
  | { kind: 'error'; message: string; code?: string };

/** Most response bytes kept: enough to judge an error's shape, even one echoing a 1 MB value. */
const KEEP_BYTES = 4 * 1024 * 1024;

/** How long a held-open event stream is read before the fuzzer hangs up on it. */
const STREAM_READ_MS = 50;

/** Sends `req` to `endpoint`; resolves with its outcome, never rejects. */
export function sendRaw(
  endpoint: string,
  req: RawRequest,
  timeoutMs: number,
  agent?: Agent,
): Promise<RawOutcome> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    let client: ReturnType<typeof httpRequest>;
    try {
      client = httpRequest({
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, 'content-length': String(req.body.length) },
        agent,
      });
    } catch (error) {
      // Node refused to send it (an invalid header or method token): nothing reached eddy.
      resolve({ kind: 'error', message: String(error), code: 'CLIENT_REFUSED' });
      return;
    }
    const timer = setTimeout(() => {
      done({ kind: 'hang' });
      client.destroy();
    }, timeoutMs);
    client.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      // /_eddy/stream never ends by design: read its start, then close it (as `eddy tail` does on ^C),
      // so the stream is judged by its status and the server must let the subscriber go.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        const hangUp = setTimeout(() => {
          done({
            kind: 'response',
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
          client.destroy();
        }, STREAM_READ_MS);
        res.on('close', () => clearTimeout(hangUp));
      }
      res.on('data', (chunk: Buffer) => {
        if (kept < KEEP_BYTES) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () =>
        done({
          kind: 'response',
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', (error) => done({ kind: 'error', message: error.message }));
    });
    client.on('error', (error: NodeJS.ErrnoException) =>
      done({ kind: 'error', message: error.message, code: error.code }),
    );
    client.end(req.body);
  });
}
