// The one HTTP server of eddy: AWS JSON requests by X-Amz-Target, REST routes by path, and eddy's own
// endpoints under /_eddy/. It never crashes on a request: every failure becomes an AWS-shaped answer.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsError } from './aws-error.js';
import { handleJson, toAwsError } from './json-protocol.js';
import type { ApiAdapter, ApiRequest, JsonApi } from './protocol.js';
import { RestRouter } from './rest-router.js';

/** Largest request body accepted (SQS and EventBridge cap payloads far below this). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A handler for eddy's own paths (`/_eddy/...`, the console); returns false when it does not serve it. */
export type LocalHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** The server's routing table, swapped atomically when the app reloads. */
export class ApiDispatcher {
  private json = new Map<string, JsonApi>();
  private rest = new RestRouter();

  constructor(adapters: ApiAdapter[] = []) {
    this.use(adapters);
  }

  /** Replaces the routing table with these adapters. */
  use(adapters: ApiAdapter[]): void {
    const json = new Map<string, JsonApi>();
    const rest = new RestRouter();
    for (const adapter of adapters) {
      for (const api of adapter.json ?? []) json.set(api.targetPrefix, api);
      rest.add(adapter.rest ?? []);
    }
    this.json = json;
    this.rest = rest;
  }

  /** Serves one AWS request (JSON by target, else REST). */
  async dispatch(request: ApiRequest, res: ServerResponse): Promise<void> {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') {
      const dot = target.lastIndexOf('.');
      const api = this.json.get(target.slice(0, dot));
      if (api) return handleJson(api, target.slice(dot + 1), request, res);
      return sendJsonError(
        res,
        request,
        new AwsError('UnknownOperationException', `Unknown operation ${target}`),
      );
    }
    const found = this.rest.find(request.method, request.path);
    if ('allowed' in found) {
      const error =
        found.allowed.length > 0
          ? new AwsError(
              'MethodNotAllowedException',
              `${request.method} is not allowed on ${request.path}`,
              405,
            )
          : new AwsError(
              'UnknownOperationException',
              `No AWS operation is served at ${request.method} ${request.path}`,
              404,
            );
      return sendJsonError(res, request, error);
    }
    try {
      const out = await found.route.handle(request, found.params);
      const isRaw = typeof out.body === 'string' || Buffer.isBuffer(out.body);
      const body =
        out.body === undefined ? '' : isRaw ? (out.body as string | Buffer) : JSON.stringify(out.body);
      // A HEAD answer carries the length of the body a GET would send (S3 HeadObject), but no body.
      const headLength = request.method === 'HEAD' ? out.headers?.['content-length'] : undefined;
      res.writeHead(out.status, {
        'x-amzn-requestid': request.requestId,
        ...(isRaw || out.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...out.headers,
        'content-length': headLength ?? Buffer.byteLength(body),
      });
      res.end(headLength === undefined ? body : undefined);
    } catch (error) {
      sendJsonError(res, request, toAwsError(error));
    }
  }
}

/** Writes an AWS REST/JSON-style error. */
export function sendJsonError(res: ServerResponse, request: ApiRequest, error: AwsError): void {
  const body = JSON.stringify({
    __type: error.code,
    message: error.message,
    Message: error.message,
    ...error.extra,
  });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': request.requestId,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Reads a body up to the limit; rejects with a 413 AwsError beyond it. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Creates the HTTP server: local handlers first, then the AWS dispatcher. */
export function createEddyServer(dispatcher: ApiDispatcher, local: LocalHandler[]): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      rawPath: (req.url ?? '/').split('?')[0],
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.alloc(0),
      requestId: randomUUID(),
    };
    try {
      for (const handler of local) if (await handler(req, res)) return;
      request.body = await readBody(req);
      await dispatcher.dispatch(request, res);
    } catch (error) {
      if (!res.headersSent) sendJsonError(res, request, toAwsError(error));
      else res.destroy();
    }
  });
}
