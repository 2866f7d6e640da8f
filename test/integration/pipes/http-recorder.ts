// A local HTTP server standing in for an API destination's endpoint (and an OAuth authorization
// endpoint at /oauth/token): it records every request and answers what the test tells it to.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/orders/o-1?x=1`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the server answers to a request. */
export interface Answer {
  status: number;
  body?: string;
  contentType?: string;
}

/** A running recorder. */
export interface HttpRecorder {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** Requests to any path but the token endpoint. */
  requests: RecordedRequest[];
  /** Requests to /oauth/token. */
  tokenRequests: RecordedRequest[];
  /** Answers an invocation (200 with an empty body by default). */
  answer: (request: RecordedRequest) => Answer;
  /** Answers a token request (a fresh token valid for an hour by default). */
  tokenAnswer: (request: RecordedRequest) => Answer;
  close(): Promise<void>;
}

/** Starts a recorder on a free port of 127.0.0.1. */
export async function startRecorder(): Promise<HttpRecorder> {
  let tokens = 0;
  const recorder: HttpRecorder = {
    url: '',
    requests: [],
    tokenRequests: [],
    answer: () => ({ status: 200 }),
    tokenAnswer: () => ({
      status: 200,
      body: JSON.stringify({ access_token: `token-${++tokens}`, token_type: 'Bearer', expires_in: 3600 }),
      contentType: 'application/json',
    }),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const isToken = request.url.startsWith('/oauth/token');
      (isToken ? recorder.tokenRequests : recorder.requests).push(request);
      const answer = isToken ? recorder.tokenAnswer(request) : recorder.answer(request);
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorder.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return recorder;
}
