// The S3 API adapter: REST routes (`/`, `/{bucket}`, `/{bucket}/{key+}`, path-style or virtual-hosted,
// see operations.ts) answering in S3's XML. These routes match any path, so the registry lists this
// adapter last: other services' REST routes (Lambda's /2015-03-31/..., Pipes' /v1/pipes/...) are tried
// first. Every failure is answered as S3's XML <Error>, never the JSON shape other adapters use.
import type { Service } from '../../services/core/service.js';
import { invalidArgument } from '../../services/storage/errors.js';
import { StorageService } from '../../services/storage/service.js';
import type { ApiAdapter, ApiRequest, RestResponse, RestRoute } from '../protocol.js';
import { s3ErrorResponse } from './errors.js';
import { runS3, targetOf } from './operations.js';

/** The HTTP methods S3 operations use. */
const S3_METHODS = ['GET', 'PUT', 'HEAD', 'DELETE', 'POST'];

function route(s3: StorageService, method: string, path: string): RestRoute {
  return {
    method,
    path,
    async handle(request, params) {
      const foreign = signedForService(request);
      if (foreign !== undefined && foreign !== 's3') return notServed(request, foreign);
      if (!S3_METHODS.includes(method)) return notServed(request, 'AWS');
      try {
        refuseDotSegments(request);
        return await runS3(s3, request, targetOf(request, params));
      } catch (error) {
        return s3ErrorResponse(error, request);
      }
    },
  };
}

/** The service a SigV4 request was signed for (`Credential=<key>/<date>/<region>/<service>/aws4_request`). */
function signedForService(request: ApiRequest): string | undefined {
  const auth = request.headers.authorization;
  const scope =
    typeof auth === 'string' ? /Credential=[^/]*\/[^/]*\/[^/]*\/([^/]+)\/aws4_request/.exec(auth) : null;
  return scope?.[1] ?? request.query.get('X-Amz-Credential')?.split('/')[3];
}

/**
 * A request signed for another service reached the S3 catch-all routes: no route of that service
 * matched, so answer as the server does for an unknown operation, not with S3's XML.
 */
function notServed(request: ApiRequest, service: string): RestResponse {
  return {
    status: 404,
    headers: { 'x-amzn-errortype': 'UnknownOperationException' },
    body: {
      __type: 'UnknownOperationException',
      message: `No ${service} operation is served at ${request.method} ${request.path}`,
    },
  };
}

const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * The server resolves `.` and `..` segments of the URL before routing (WHATWG URL parsing), which would
 * turn key `../b/k` of bucket `a` into key `k` of bucket `b`. When the server passes the path as sent
 * (`rawPath`), such keys are refused here, as S3 keys that would escape a bucket folder are.
 */
function refuseDotSegments(request: ApiRequest): void {
  const raw = (request as ApiRequest & { rawPath?: string }).rawPath;
  if (raw === undefined) return;
  // One test of the whole path (every GetObject passes here): a segment that is only `.`/`..`, spelled
  // with dots or `%2e`.
  if (DOT_SEGMENT.test(raw))
    throw invalidArgument(
      `eddy stores objects as files, so a key cannot contain "." or ".." path segments: ${raw}`,
    );
}

/** The S3 adapter when the storage service runs; nothing otherwise. */
export function s3Adapter(services: readonly Service[]): ApiAdapter {
  const s3 = services.find((s): s is StorageService => s instanceof StorageService);
  if (!s3) return {};
  // One route per method and path shape; runS3 picks the operation (and reads a virtual-hosted
  // bucket from the Host header, whatever the path).
  // PATCH is no S3 method: routed here only to answer like the server does for an unknown path.
  const methods = [...S3_METHODS, 'PATCH'];
  // Object routes first, GET first: the router tries routes in order, and GetObject is the call a
  // Distributed Map's children repeat thousands of times. No path matches two of these shapes.
  const paths = ['/{bucket}/{key+}', '/{bucket}', '/'];
  return { rest: paths.flatMap((path) => methods.map((method) => route(s3, method, path))) };
}
