// The S3 API adapter: REST routes (`/`, `/{bucket}`, `/{bucket}/{key+}`, path-style or virtual-hosted,
// see operations.ts) answering in S3's XML. These routes match any path, so the registry lists this
// adapter last: other services' REST routes (Lambda's /2015-03-31/..., Pipes' /v1/pipes/...) are tried
// first. Every failure is answered as S3's XML <Error>, never the JSON shape other adapters use.
import type { Service } from '../../services/core/service.js';
import { invalidArgument } from '../../services/storage/errors.js';
import { StorageService } from '../../services/storage/service.js';
import type { ApiAdapter, ApiRequest, RestRoute } from '../protocol.js';
import { s3ErrorResponse } from './errors.js';
import { runS3, targetOf } from './operations.js';

function route(s3: StorageService, method: string, path: string): RestRoute {
  return {
    method,
    path,
    async handle(request, params) {
      try {
        refuseDotSegments(request);
        return await runS3(s3, request, targetOf(request, params));
      } catch (error) {
        return s3ErrorResponse(error, request);
      }
    },
  };
}

/**
 * The server resolves `.` and `..` segments of the URL before routing (WHATWG URL parsing), which would
 * turn key `../b/k` of bucket `a` into key `k` of bucket `b`. When the server passes the path as sent
 * (`rawPath`), such keys are refused here, as S3 keys that would escape a bucket folder are.
 */
function refuseDotSegments(request: ApiRequest): void {
  const raw = (request as ApiRequest & { rawPath?: string }).rawPath;
  if (raw === undefined) return;
  const dotted = raw.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (dotted)
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
  const methods = ['GET', 'PUT', 'HEAD', 'DELETE', 'POST'];
  const paths = ['/', '/{bucket}', '/{bucket}/{key+}'];
  return { rest: paths.flatMap((path) => methods.map((method) => route(s3, method, path))) };
}
