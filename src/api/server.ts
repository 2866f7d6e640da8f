// The one HTTP server of eddy: AWS JSON requests by X-Amz-Target, REST routes by path, and eddy's own
// endpoints under /_eddy/. It never crashes on a request: every failure becomes an AWS-shaped answer.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { authFailureResponse } from './auth/errors.js';
import { verifySignature } from './auth/sigv4.js';
import { AwsError } from './aws-error.js';
import { handleJson, toAwsError } from './json-protocol.js';
import type { ApiAdapter, ApiRequest, JsonApi, RestResponse } from './protocol.js';
import { RestRouter } from './rest-router.js';

/** Largest request body accepted (SQS and EventBridge cap payloads far below this). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A handler for eddy's own paths (`/_eddy/...`, the console); returns false when it does not serve it. */
export type LocalHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** The server's routing table, swapped atomically when the app reloads. */
export class ApiDispatcher {
  private json = new Map<string, JsonApi>();
  private rest = new RestRouter();
  private signingKeys: ReadonlyMap<string, string> | undefined;

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

  /** With keys (access key id → secret), every AWS request must carry a valid SigV4 signature by one of them. */
  requireSignatures(keys: ReadonlyMap<string, string> | undefined): void {
    this.signingKeys = keys && keys.size > 0 ? keys : undefined;
  }

  /** Serves one AWS request (JSON by target, else REST). */
  async dispatch(request: ApiRequest, res: ServerResponse): Promise<void> {
    if (this.signingKeys) {
      const failure = await verifySignature(request, this.signingKeys, Date.now());
      if (failure) return writeResponse(res, request, authFailureResponse(request, failure));
    }
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

function writeResponse(res: ServerResponse, request: ApiRequest, out: RestResponse): void {
  const body = typeof out.body === 'string' || Buffer.isBuffer(out.body) ? out.body : '';
  res.writeHead(out.status, {
    'x-amzn-requestid': request.requestId,
    ...out.headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
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

/** Beyond this many bytes an over-limit body is no longer drained: the connection is cut. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

/**
 * Reads a body up to the limit; rejects with a 413 AwsError beyond it. An over-limit body is drained
 * (read and dropped) so the client, still sending, gets the 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
      } else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * Requests Node's HTTP parser refuses (an unknown method, bytes a request line may not hold) get an
 * AWS-shaped 400 instead of Node's bare one.
 */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  // A HEAD answer carries no body; a client reading one would take the bytes for a next response.
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const code = tooLarge ? 'RequestHeaderSectionTooLarge' : 'BadRequest';
  const body = JSON.stringify({
    __type: code,
    message: `The request could not be parsed (${error.code ?? 'bad request'})`,
  });
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      `content-type: application/json\r\nx-amzn-errortype: ${code}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
  );
}

/**
 * The URL of a request target, or undefined when it is no path: `//host/x` would read as another host
 * (and `//` throws in URL parsing, which crashed eddy), so only `/`-rooted paths and absolute URLs pass.
 */
function requestUrl(target: string): URL | undefined {
  if (target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return undefined;
  }
}

function sendBadTarget(req: IncomingMessage, res: ServerResponse): void {
  const request = { requestId: randomUUID() } as ApiRequest;
  req.resume();
  sendJsonError(
    res,
    request,
    new AwsError('InvalidURI', `Couldn't parse the request target ${req.url}`, 400),
  );
}

/** Creates the HTTP server: local handlers first, then the AWS dispatcher. */
export function createEddyServer(dispatcher: ApiDispatcher, local: LocalHandler[]): Server {
  const server = createServer(async (req, res) => {
    const url = requestUrl(req.url ?? '/');
    if (!url) return sendBadTarget(req, res);
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
  server.on('clientError', answerClientError);
  return server;
}
